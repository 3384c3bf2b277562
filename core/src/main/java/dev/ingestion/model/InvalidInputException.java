package dev.ingestion.model;

/** An operator's request is not valid (an unknown category, a negative age); the message says what is. */
public class InvalidInputException extends IngestionException {
  public InvalidInputException(String message) {
    super(message);
  }
}
