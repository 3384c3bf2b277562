package dev.ingestion.server;

import dev.ingestion.model.IngestionException;

/** The request is valid but the thing is not in a state that allows it (e.g. resolving a resolved item). 409. */
public class ConflictException extends IngestionException {
  public ConflictException(String message) {
    super(message);
  }
}
