package dev.ingestion.chunk;

/**
 * Counts the tokens a model's tokenizer makes of a text, without the special tokens it adds around a
 * whole input. Implementations are thread-safe. Provided by a module through {@link TokenCounterFactory}.
 */
public interface TokenCounter {
  int count(String text);
}
