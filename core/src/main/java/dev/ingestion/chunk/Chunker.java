package dev.ingestion.chunk;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import java.util.List;

/** Splits extracted text into chunks. Implementations are deterministic and thread-safe. */
public interface Chunker {
  List<Chunk> chunk(ExtractedDocument document);
}
