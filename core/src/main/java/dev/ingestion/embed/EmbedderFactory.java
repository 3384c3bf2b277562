package dev.ingestion.embed;

/**
 * Service-provider interface: a module that can embed ships an implementation listed in
 * {@code META-INF/services/dev.ingestion.embed.EmbedderFactory}. Core never depends on such a module.
 */
public interface EmbedderFactory {
  /** The name {@code embeddings.model} selects, e.g. {@code all-minilm-l6-v2-q}. */
  String name();

  Embedder create(EmbeddingConfig config);
}
