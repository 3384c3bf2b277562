package dev.ingestion.source;

import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.IngestionException;

/** The source as a whole could not be listed or reached. */
public class SourceException extends IngestionException {
  private final FailureCategory category;

  public SourceException(FailureCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = category;
  }

  public FailureCategory category() {
    return category;
  }
}
