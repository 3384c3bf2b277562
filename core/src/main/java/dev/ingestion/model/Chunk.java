package dev.ingestion.model;

import java.util.List;

/**
 * One piece of a document version's text, ready for retrieval. Offsets are char indexes into the
 * extracted text; {@code headingPath} lists the enclosing headings, outermost first; {@code page} is the
 * 1-based page the chunk starts on, or null. {@code contentHash} is the hex SHA-256 of {@code text}.
 */
public record Chunk(
    int ordinal,
    String text,
    int startOffset,
    int endOffset,
    List<String> headingPath,
    Integer page,
    String contentHash) {
  public Chunk {
    headingPath = List.copyOf(headingPath);
  }
}
