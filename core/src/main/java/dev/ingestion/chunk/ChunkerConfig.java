package dev.ingestion.chunk;

/** Target chunk size and overlap, in characters. */
public record ChunkerConfig(int chunkSize, int chunkOverlap) {
  public static final ChunkerConfig DEFAULT = new ChunkerConfig(1000, 100);

  public ChunkerConfig {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk_size must be at least 1, got " + chunkSize);
    }
    if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
      throw new IllegalArgumentException(
          "chunk_overlap must be between 0 and chunk_size - 1 (" + (chunkSize - 1) + "), got " + chunkOverlap);
    }
  }
}
