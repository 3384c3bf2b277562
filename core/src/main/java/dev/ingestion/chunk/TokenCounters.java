package dev.ingestion.chunk;

import dev.ingestion.model.ConfigException;
import java.util.ServiceLoader;

/** Finds a {@link TokenCounterFactory} on the class path, for {@code pipeline.chunk_unit: tokens}. */
public final class TokenCounters {
  private TokenCounters() {}

  /** The first tokenizer found; a one-line error saying what to add when there is none. */
  public static TokenCounter load() {
    return ServiceLoader.load(TokenCounterFactory.class).stream().map(ServiceLoader.Provider::get).findFirst()
        .orElseThrow(() -> new ConfigException("pipeline.chunk_unit: tokens needs the embedding model's tokenizer,"
            + " and no module on the class path provides one; add ingestion-embeddings to lib/ (the distribution"
            + " ships it) or set chunk_unit: characters"))
        .create();
  }
}
