package dev.ingestion.chunk;

/**
 * Service-provider interface: a module with a model's tokenizer ships an implementation listed in
 * {@code META-INF/services/dev.ingestion.chunk.TokenCounterFactory}. Core never depends on such a module.
 */
public interface TokenCounterFactory {
  /** The model whose tokenizer this is, e.g. {@code all-minilm-l6-v2-q}. */
  String name();

  TokenCounter create();
}
