package dev.ingestion.embed.minilm;

import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.EmbedderFactory;
import dev.ingestion.embed.EmbeddingConfig;

/** Provides {@link MiniLmEmbedder} under the name {@code all-minilm-l6-v2-q}. */
public final class MiniLmEmbedderFactory implements EmbedderFactory {
  @Override
  public String name() {
    return MiniLmEmbedder.NAME;
  }

  @Override
  public Embedder create(EmbeddingConfig config) {
    return new MiniLmEmbedder();
  }
}
