package dev.ingestion.security;

import dev.ingestion.model.IngestionException;

/** An authenticated user whose role may not do this, or a blocked client address (HTTP 403). */
public class AccessDeniedException extends IngestionException {
  public AccessDeniedException(String message) {
    super(message);
  }
}
