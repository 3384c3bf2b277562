package dev.ingestion.pipeline;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * The one place an unexpected throwable becomes a classified failure. Exceptions that were classified
 * where they were thrown ({@link DocumentException}) keep their classification.
 */
public final class FailureClassifier {
  private FailureClassifier() {}

  public static Failure classify(Throwable t, Stage stage) {
    if (t instanceof DocumentException de) {
      return Failure.of(de);
    }
    if (t instanceof OutOfMemoryError) {
      return Failure.of(stage, FailureCategory.RESOURCE_EXHAUSTED, t,
          "out of memory while processing (" + stage.dbValue() + "); lower max_chars or raise the worker heap");
    }
    if (t instanceof StoreException) {
      return Failure.of(Stage.STORE, FailureCategory.STORAGE_UNAVAILABLE, t, "database unavailable: " + t.getMessage());
    }
    Throwable io = t instanceof UncheckedIOException u ? u.getCause() : t;
    if (io instanceof NoSuchFileException) {
      return Failure.of(stage, FailureCategory.NOT_FOUND, t, "document vanished: " + io.getMessage());
    }
    if (io instanceof AccessDeniedException) {
      return Failure.of(stage, FailureCategory.PERMISSION_DENIED, t, "permission denied: " + io.getMessage());
    }
    if (io instanceof IOException && isDiskFull(io)) {
      return Failure.of(stage, FailureCategory.RESOURCE_EXHAUSTED, t, "disk full: " + io.getMessage());
    }
    if (io instanceof IOException && stage == Stage.FETCH) {
      return Failure.of(stage, FailureCategory.SOURCE_UNAVAILABLE, t, "cannot read the document: " + io.getMessage());
    }
    return Failure.of(stage, FailureCategory.INTERNAL, t,
        "unexpected " + t.getClass().getSimpleName() + " in " + stage.dbValue() + ": " + t.getMessage());
  }

  private static boolean isDiskFull(Throwable t) {
    String m = t.getMessage();
    return m != null && m.contains("No space left on device");
  }

  /** Dead-letter priority from the category: problems of the system first, problems of one file last. */
  public static String priorityFor(FailureCategory category) {
    return switch (category) {
      case SOURCE_UNAVAILABLE, PERMISSION_DENIED, RESOURCE_EXHAUSTED, STORAGE_UNAVAILABLE, INTERNAL -> "high";
      case PARSE_TIMEOUT, TOO_LARGE -> "medium";
      case NOT_FOUND, UNSUPPORTED_FORMAT, ENCRYPTED, CORRUPT, EMPTY -> "low";
    };
  }
}
