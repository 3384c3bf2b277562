package dev.ingestion.model;

/** Root of every exception the product throws on purpose. Unchecked; subtypes say what went wrong. */
public class IngestionException extends RuntimeException {
  public IngestionException(String message) {
    super(message);
  }

  public IngestionException(String message, Throwable cause) {
    super(message, cause);
  }
}
