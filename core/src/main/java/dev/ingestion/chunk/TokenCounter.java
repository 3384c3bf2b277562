package dev.ingestion.chunk;

import java.util.List;

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

  /** The count of each text, in order; a tokenizer that can count many texts in one call overrides this. */
  default int[] countEach(List<String> texts) {
    return texts.stream().mapToInt(this::count).toArray();
  }
}
