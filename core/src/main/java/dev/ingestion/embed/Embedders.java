package dev.ingestion.embed;

import dev.ingestion.model.ConfigException;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds the configured {@link EmbedderFactory} on the class path. */
public final class Embedders {
  private Embedders() {}

  /** Empty when embeddings are off; a clear error when they are on and no module provides the model. */
  public static Optional<Embedder> load(EmbeddingConfig config) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    List<EmbedderFactory> found = ServiceLoader.load(EmbedderFactory.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    if (found.isEmpty()) {
      throw new ConfigException("embeddings.enabled: true, but no embedding module is on the class path"
          + " (the distribution ships ingestion-embeddings in lib/); set it to false or add the module");
    }
    if (config.model() == null) {
      return Optional.of(found.get(0).create(config));
    }
    return Optional.of(found.stream().filter(f -> f.name().equals(config.model())).findFirst()
        .orElseThrow(() -> new ConfigException("embeddings.model: no model named '" + config.model() + "'; available: "
            + String.join(", ", found.stream().map(EmbedderFactory::name).toList())))
        .create(config));
  }
}
