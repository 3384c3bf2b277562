package dev.ingestion.model;

/**
 * A structural span of the extracted text: a heading (level 1..6) or a block of another kind (level 0),
 * with the page it starts on (1-based; null for formats without pages). Offsets are char indexes into the
 * text, {@code start} inclusive, {@code end} exclusive.
 */
public record TextBlock(Kind kind, int level, int start, int end, Integer page) {
  /** What the block is; BODY is a paragraph or any block of unknown kind. New kinds are added last. */
  public enum Kind {
    HEADING,
    BODY,
    LIST,
    TABLE,
    CODE;

    /** The name readers see on a chunk: {@code heading}, {@code paragraph} (BODY), {@code list}, {@code table}, {@code code}. */
    public String label() {
      return this == BODY ? "paragraph" : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TextBlock {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad block range " + start + ".." + end);
    }
  }

  public static TextBlock heading(int level, int start, int end, Integer page) {
    return new TextBlock(Kind.HEADING, level, start, end, page);
  }

  /** A block that is not a heading: a paragraph (BODY), list item, table or code. */
  public static TextBlock of(Kind kind, int start, int end, Integer page) {
    return kind == Kind.HEADING ? heading(1, start, end, page) : new TextBlock(kind, 0, start, end, page);
  }

  public static TextBlock body(int start, int end, Integer page) {
    return new TextBlock(Kind.BODY, 0, start, end, page);
  }
}
