package dev.ingestion.store;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import java.util.List;

/**
 * A freshly parsed version of a document, with its chunks, ready to become current. {@code
 * sourceMetadata} is what the source said about the document (author, web URL, selected columns).
 */
public record NewVersion(
    String contentHash, long sizeBytes, DocumentMetadata metadata, int charCount, boolean truncated,
    List<Chunk> chunks, java.util.Map<String, String> sourceMetadata) {
  public NewVersion {
    sourceMetadata = java.util.Map.copyOf(sourceMetadata);
  }

  /** A version whose source gave no metadata of its own. */
  public NewVersion(String contentHash, long sizeBytes, DocumentMetadata metadata, int charCount, boolean truncated,
      List<Chunk> chunks) {
    this(contentHash, sizeBytes, metadata, charCount, truncated, chunks, java.util.Map.of());
  }
}
