package dev.ingestion.model;

import java.io.PrintWriter;
import java.io.StringWriter;

/** A classified failure, with what an operator needs to understand it. */
public record Failure(
    Stage stage, FailureCategory category, boolean retryable, String exceptionClass, String message, String stackTrace) {

  private static final int MAX_TRACE = 16_000;

  public static Failure of(DocumentException e) {
    return new Failure(e.stage(), e.category(), e.retryable(), rootClass(e), messageOf(e), trace(e));
  }

  public static Failure of(Stage stage, FailureCategory category, Throwable t, String message) {
    return new Failure(stage, category, category.retryableByDefault(), rootClass(t), message, trace(t));
  }

  private static String rootClass(Throwable t) {
    Throwable cause = t.getCause() != null ? t.getCause() : t;
    return cause instanceof RemoteException remote ? remote.className() : cause.getClass().getName();
  }

  private static String messageOf(Throwable t) {
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  public static String trace(Throwable t) {
    if (t.getCause() instanceof RemoteException remote && remote.remoteTrace() != null) {
      return clip(remote.remoteTrace());
    }
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return clip(out.toString());
  }

  private static String clip(String s) {
    return s.length() <= MAX_TRACE ? s : s.substring(0, MAX_TRACE) + "\n... (truncated)";
  }
}
