package dev.ingestion.model;

import java.util.List;

/**
 * One piece of a document version's text, ready for retrieval. Offsets are char indexes into the
 * extracted text; {@code headingPath} lists the enclosing headings, outermost first; {@code page} is the
 * 1-based page the chunk starts on, or null. {@code contentHash} is the hex SHA-256 of {@code text}.
 * {@code kind} is the kind of block most of the chunk's text is in, headings aside (a heading only when
 * the chunk holds nothing else), or null when not known.
 */
public record Chunk(
    int ordinal,
    String text,
    int startOffset,
    int endOffset,
    List<String> headingPath,
    Integer page,
    String contentHash,
    TextBlock.Kind kind) {
  public Chunk {
    headingPath = List.copyOf(headingPath);
  }

  /** A chunk whose block kind is not known. */
  public Chunk(int ordinal, String text, int startOffset, int endOffset, List<String> headingPath, Integer page,
      String contentHash) {
    this(ordinal, text, startOffset, endOffset, headingPath, page, contentHash, null);
  }
}
