package dev.ingestion.embed;

/**
 * The optional embedding stage: off unless {@code enabled}; {@code model} names an {@link EmbedderFactory}
 * (null: the only one on the class path); texts go to the model {@code batchSize} at a time.
 */
public record EmbeddingConfig(boolean enabled, String model, int batchSize) {
  public static final EmbeddingConfig OFF = new EmbeddingConfig(false, null, 32);
}
