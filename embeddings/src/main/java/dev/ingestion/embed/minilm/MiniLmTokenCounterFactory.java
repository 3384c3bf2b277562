package dev.ingestion.embed.minilm;

import dev.ingestion.chunk.TokenCounter;
import dev.ingestion.chunk.TokenCounterFactory;

/** Provides {@link MiniLmTokenCounter}, the tokenizer of the {@code all-minilm-l6-v2-q} embedder. */
public final class MiniLmTokenCounterFactory implements TokenCounterFactory {
  @Override
  public String name() {
    return MiniLmEmbedder.NAME;
  }

  @Override
  public TokenCounter create() {
    return new MiniLmTokenCounter();
  }
}
