package dev.ingestion.model;

/**
 * An exception thrown in another process (a parser child), known here only by its class name, message
 * and stack trace text. Carried as the cause of the local exception, so a dead letter names the class
 * and shows the trace of what actually failed, not the code that read the answer.
 */
public final class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String className;
  private final String remoteTrace;

  public RemoteException(String className, String message, String remoteTrace) {
    super(message, null, false, false);
    this.className = className;
    this.remoteTrace = remoteTrace;
  }

  /** The fully qualified class name of the exception in the other process. */
  public String className() {
    return className;
  }

  /** Its stack trace as that process printed it. */
  public String remoteTrace() {
    return remoteTrace;
  }

  @Override
  public String toString() {
    return className + (getMessage() == null ? "" : ": " + getMessage());
  }
}
