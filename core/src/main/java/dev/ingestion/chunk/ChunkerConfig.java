package dev.ingestion.chunk;

import java.util.Objects;

/**
 * Target chunk size and overlap, and the size below which a chunk is merged with a neighbour, all
 * counted in {@code unit}: characters, or tokens of the embedding model's tokenizer.
 */
public record ChunkerConfig(int chunkSize, int chunkOverlap, int minChunkSize, ChunkUnit unit) {
  public static final int DEFAULT_MIN_CHUNK_SIZE = 200;
  public static final ChunkerConfig DEFAULT = new ChunkerConfig(1000, 100, DEFAULT_MIN_CHUNK_SIZE);

  public ChunkerConfig {
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunk_size must be at least 1, got " + chunkSize);
    }
    if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
      throw new IllegalArgumentException(
          "chunk_overlap must be between 0 and chunk_size - 1 (" + (chunkSize - 1) + "), got " + chunkOverlap);
    }
    if (minChunkSize < 0 || minChunkSize > chunkSize) {
      throw new IllegalArgumentException(
          "min_chunk_size must be between 0 and chunk_size (" + chunkSize + "), got " + minChunkSize);
    }
    Objects.requireNonNull(unit, "unit");
  }

  /** Sizes in characters. */
  public ChunkerConfig(int chunkSize, int chunkOverlap, int minChunkSize) {
    this(chunkSize, chunkOverlap, minChunkSize, ChunkUnit.CHARACTERS);
  }

  /** Sizes in characters; the default minimum, or chunk_size when that is smaller. */
  public ChunkerConfig(int chunkSize, int chunkOverlap) {
    this(chunkSize, chunkOverlap, Math.min(DEFAULT_MIN_CHUNK_SIZE, Math.max(1, chunkSize)));
  }
}
