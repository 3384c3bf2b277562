package dev.ingestion.server;

import dev.ingestion.model.IngestionException;

/** The client sent something we cannot act on; the message says what to fix. Maps to 400. */
public class BadRequestException extends IngestionException {
  private final String error;

  public BadRequestException(String error, String message) {
    super(message);
    this.error = error;
  }

  public BadRequestException(String message) {
    this("bad_request", message);
  }

  public String error() {
    return error;
  }
}
