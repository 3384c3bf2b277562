package dev.ingestion.model;

/**
 * The source as a whole refused our credentials while fetching a document (HTTP 401/403, a rejected
 * token, a database login failure). The document is not at fault: the source is paused, its queued work
 * waits, and an alert asks an operator to fix the credentials instead of every document being
 * dead-lettered one by one.
 */
public class SourceAccessDeniedException extends DocumentException {
  public SourceAccessDeniedException(String message, Throwable cause) {
    super(Stage.FETCH, FailureCategory.PERMISSION_DENIED, false, message, cause);
  }
}
