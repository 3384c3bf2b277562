package dev.ingestion.model;

/** A named thing (document, source, dead-letter item, alert) does not exist. */
public class NotFoundException extends IngestionException {
  public NotFoundException(String message) {
    super(message);
  }
}
