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

  static SpanSize tokens(String text, TokenCounter counter) {
    return new SpanSize() {
      @Override
      int of(int start, int end) {
        return end <= start ? 0 : counter.count(text.substring(start, end));
      }

      // Binary search: the token count falls as the start moves towards the end.
      @Override
      int startWithin(int from, int end, int max) {
        int lo = from;
        int hi = end;
        while (lo < hi) {
          int mid = (lo + hi) >>> 1;
          if (of(mid, end) <= max) {
            hi = mid;
          } else {
            lo = mid + 1;
          }
        }
        return lo;
      }
    };
  }
}
