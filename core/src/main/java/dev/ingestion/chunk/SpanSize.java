package dev.ingestion.chunk;

/**
 * The size of a range of the text in the configured unit: its length in characters, or the tokens a
 * {@link TokenCounter} makes of it. Every size limit of the chunker is checked through this.
 */
abstract class SpanSize {
  /** The size of {@code [start, end)}. */
  abstract int of(int start, int end);

  /**
   * About the smallest start at or after {@code from} whose range to {@code end} has a size of at most
   * {@code max}. Callers check the size of the range they settle on, since tokens are not strictly
   * monotone inside a word.
   */
  abstract int startWithin(int from, int end, int max);

  static SpanSize characters() {
    return new SpanSize() {
      @Override
      int of(int start, int end) {
        return end - start;
      }

      @Override
      int startWithin(int from, int end, int max) {
        return Math.max(from, end - max);
      }
    };
  }

  /** Counted by {@code counter}, which must split words at whitespace (see {@link TokenSpanSize}). */
  static SpanSize tokens(String text, TokenCounter counter) {
    return new TokenSpanSize(text, counter);
  }
}
