package dev.ingestion.model;

/** The database could not be used (unreachable, locked past the busy timeout, corrupt, full). */
public class StoreException extends IngestionException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
