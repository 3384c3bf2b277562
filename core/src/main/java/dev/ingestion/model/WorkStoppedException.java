package dev.ingestion.model;

/**
 * The work on a document was cut short by our own stop (shutdown, a parser pool being closed), not by
 * the document. Never recorded as an attempt: the job is handed back to the queue as it was.
 */
public class WorkStoppedException extends IngestionException {
  public WorkStoppedException(String message, Throwable cause) {
    super(message, cause);
  }
}
