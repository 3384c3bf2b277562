package dev.ingestion.model;

/**
 * A failure of one document, already classified where it was caught: the stage it happened in, its
 * category and whether retrying can help. Retry versus dead-letter reads only these fields.
 */
public class DocumentException extends IngestionException {
  private final Stage stage;
  private final FailureCategory category;
  private final boolean retryable;

  public DocumentException(Stage stage, FailureCategory category, String message) {
    this(stage, category, category.retryableByDefault(), message, null);
  }

  public DocumentException(Stage stage, FailureCategory category, String message, Throwable cause) {
    this(stage, category, category.retryableByDefault(), message, cause);
  }

  public DocumentException(
      Stage stage, FailureCategory category, boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.stage = stage;
    this.category = category;
    this.retryable = retryable;
  }

  public Stage stage() {
    return stage;
  }

  public FailureCategory category() {
    return category;
  }

  public boolean retryable() {
    return retryable;
  }
}
