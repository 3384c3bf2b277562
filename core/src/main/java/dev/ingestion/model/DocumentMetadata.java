package dev.ingestion.model;

import java.time.Instant;

/** What extraction learned about a document besides its text. Any field may be null when unknown. */
public record DocumentMetadata(
    String mimeType,
    String title,
    String author,
    Integer pageCount,
    String language,
    Instant created,
    Instant modified) {

  public static DocumentMetadata unknown(String mimeType) {
    return new DocumentMetadata(mimeType, null, null, null, null, null, null);
  }
}
