package dev.ingestion.model;

/**
 * A position in the chunk change feed, written {@code <seq>} (every change of the feed rows up to
 * {@code seq} delivered) or {@code <seq>:<offset>} (rows before {@code seq} delivered, and the first
 * {@code offset} changes of row {@code seq}: a row that expands into more changes than one page holds).
 * {@code 0} is the start.
 */
public record FeedCursor(long seq, int offset) {
  public static final FeedCursor START = new FeedCursor(0, 0);

  public FeedCursor {
    if (seq < 0 || offset < 0) {
      throw new InvalidInputException("a feed cursor is never negative, got " + seq + ":" + offset);
    }
  }

  /** Parses {@code 123} or {@code 123:40}; null or blank is the start. */
  public static FeedCursor parse(String text) {
    if (text == null || text.isBlank()) {
      return START;
    }
    String t = text.trim();
    int colon = t.indexOf(':');
    try {
      if (colon < 0) {
        return new FeedCursor(Long.parseLong(t), 0);
      }
      return new FeedCursor(Long.parseLong(t.substring(0, colon)), Integer.parseInt(t.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("a cursor is the next_cursor of an earlier page, such as 120 or 120:500"
          + " (0 is the start); got '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "'");
    }
  }

  /** True when part of row {@code seq} was delivered and the rest is still to come. */
  public boolean insideRow() {
    return offset > 0;
  }

  @Override
  public String toString() {
    return offset == 0 ? Long.toString(seq) : seq + ":" + offset;
  }
}
