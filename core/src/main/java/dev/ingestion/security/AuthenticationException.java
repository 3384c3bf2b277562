package dev.ingestion.security;

import dev.ingestion.model.IngestionException;

/** No key, or a key that is unknown, revoked, expired or belongs to a disabled user (HTTP 401). */
public class AuthenticationException extends IngestionException {
  public AuthenticationException(String message) {
    super(message);
  }
}
