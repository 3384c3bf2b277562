package dev.ingestion.chunk;

/**
 * Counts the tokens a model's tokenizer makes of a text, without the special tokens it adds around a
 * whole input. Implementations are thread-safe. Provided by a module through {@link TokenCounterFactory}.
 *
 * <p>The chunker counts a range as the sum of the counts of its words (runs between spaces, tabs and line
 * breaks), so the tokenizer must never make one token across whitespace; WordPiece, which splits at
 * whitespace before anything else, never does.
 */
public interface TokenCounter {
  int count(String text);
}
