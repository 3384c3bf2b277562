package dev.ingestion.model;

/**
 * The parser processes cannot start: a setting the JVM refuses ({@code pipeline.parse.child_java_options},
 * {@code child_heap}), no memory or temporary space to start one, or a machine too loaded for one to be
 * ready in time. Not a fault of the document being parsed: its job goes back to the queue with no attempt
 * counted, the worker waits and tries again, and {@code ingestion ingest} stops and says why.
 */
public class ParserUnavailableException extends IngestionException {
  public ParserUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
