package dev.ingestion.parse;

import dev.ingestion.model.ExtractedDocument;
import java.io.InputStream;

/**
 * Turns a document's bytes into text, structure and metadata. Failures are thrown as {@link
 * dev.ingestion.model.DocumentException} already classified (stage PARSE, category, retryable). The seam
 * where in-process parsing can be swapped for isolated child-process parsing.
 */
public interface DocumentParser {
  /**
   * @param content the document's bytes; read to the end or abandoned, never closed by the caller first
   * @param fileName the name the source gives the document (helps type detection), may be null
   * @param declaredSize size in bytes when known, else -1
   */
  ExtractedDocument parse(InputStream content, String fileName, long declaredSize);

  /** Parses a local file in place; parsers that need random access avoid a temporary copy. */
  default ExtractedDocument parse(java.nio.file.Path file, String fileName, long declaredSize) throws java.io.IOException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return parse(in, fileName, declaredSize);
    }
  }
}
