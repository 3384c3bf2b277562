package dev.ingestion.store;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import java.util.List;

/** A freshly parsed version of a document, with its chunks, ready to become current. */
public record NewVersion(
    String contentHash, long sizeBytes, DocumentMetadata metadata, int charCount, boolean truncated,
    List<Chunk> chunks) {}
