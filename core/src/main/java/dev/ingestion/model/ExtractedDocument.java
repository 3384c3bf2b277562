package dev.ingestion.model;

import java.util.List;

/**
 * The result of parsing: plain text, its structure as ordered non-overlapping blocks, metadata, and
 * whether the text was cut at the configured character limit (never silent: recorded on the version).
 */
public record ExtractedDocument(
    String text, List<TextBlock> blocks, DocumentMetadata metadata, boolean truncated) {
  public ExtractedDocument {
    blocks = List.copyOf(blocks);
  }
}
