package dev.ingestion.model;

/** The thing exists but its state does not allow the operation (e.g. resolving a resolved item). */
public class StateConflictException extends IngestionException {
  public StateConflictException(String message) {
    super(message);
  }
}
