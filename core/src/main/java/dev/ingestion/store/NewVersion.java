package dev.ingestion.store;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import java.util.List;
import java.util.Map;

/**
 * A freshly parsed version of a document, with its chunks, ready to become current. {@code
 * sourceMetadata} is what the source said about the document (author, web URL, selected columns);
 * {@code vectors} holds the chunks' embeddings when embeddings are on.
 */
public record NewVersion(
    String contentHash, long sizeBytes, DocumentMetadata metadata, int charCount, boolean truncated,
    List<Chunk> chunks, Map<String, String> sourceMetadata, Vectors vectors) {
  public NewVersion {
    sourceMetadata = Map.copyOf(sourceMetadata);
    vectors = vectors == null ? Vectors.NONE : vectors;
  }

  public NewVersion(String contentHash, long sizeBytes, DocumentMetadata metadata, int charCount, boolean truncated,
      List<Chunk> chunks, Map<String, String> sourceMetadata) {
    this(contentHash, sizeBytes, metadata, charCount, truncated, chunks, sourceMetadata, Vectors.NONE);
  }

  /** A version whose source gave no metadata of its own. */
  public NewVersion(String contentHash, long sizeBytes, DocumentMetadata metadata, int charCount, boolean truncated,
      List<Chunk> chunks) {
    this(contentHash, sizeBytes, metadata, charCount, truncated, chunks, Map.of(), Vectors.NONE);
  }

  public NewVersion withVectors(Vectors v) {
    return new NewVersion(contentHash, sizeBytes, metadata, charCount, truncated, chunks, sourceMetadata, v);
  }

  /**
   * Encoded embeddings, one per chunk in chunk order (float32 little-endian), and how many were computed
   * for this version versus taken over from an earlier version of the document with the same text.
   */
  public record Vectors(List<byte[]> encoded, int computed, int reused) {
    public static final Vectors NONE = new Vectors(List.of(), 0, 0);

    public Vectors {
      encoded = List.copyOf(encoded);
    }

    byte[] forOrdinal(int index) {
      return encoded.isEmpty() ? null : encoded.get(index);
    }
  }
}
