package dev.ingestion.sink;

import dev.ingestion.model.IngestionException;

/** The target did not acknowledge a request (unreachable, timed out, overloaded, refused as a whole). */
public class SinkUnavailableException extends IngestionException {
  public SinkUnavailableException(String message) {
    super(message);
  }

  public SinkUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
