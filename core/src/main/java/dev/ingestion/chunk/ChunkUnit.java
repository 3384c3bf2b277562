package dev.ingestion.chunk;

/** What chunk sizes count: characters (UTF-16 chars, as Java counts) or tokens of the embedding model. */
public enum ChunkUnit {
  CHARACTERS,
  TOKENS
}
