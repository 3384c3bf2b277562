package dev.ingestion.security;

import dev.ingestion.model.IngestionException;
import java.time.Duration;

/** A client address that failed authentication too often is refused for a while (HTTP 429). */
public class ThrottledException extends IngestionException {
  private final Duration retryAfter;

  public ThrottledException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
