package dev.ingestion.connectors.sharepoint;

import dev.ingestion.model.FailureCategory;

/** A Microsoft Graph or token-endpoint failure, already classified. */
final class GraphException extends RuntimeException {
  private final int status;
  private final FailureCategory category;

  GraphException(int status, FailureCategory category, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.category = category;
  }

  static GraphException of(int status, String what, String body) {
    FailureCategory category = switch (status) {
      case 401, 403 -> FailureCategory.PERMISSION_DENIED;
      case 404 -> FailureCategory.NOT_FOUND;
      case 400, 405, 409, 411, 412, 413, 415, 416 -> FailureCategory.INTERNAL;
      default -> FailureCategory.SOURCE_UNAVAILABLE;
    };
    String hint = category == FailureCategory.PERMISSION_DENIED
        ? " (check tenant_id, client_id, client_secret and that the app has Sites.Read.All or Files.Read.All)" : "";
    return new GraphException(status, category, what + " failed with HTTP " + status + ": " + brief(body) + hint, null);
  }

  private static String brief(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ");
    return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
  }

  int status() {
    return status;
  }

  FailureCategory category() {
    return category;
  }

  boolean retryable() {
    return category == FailureCategory.SOURCE_UNAVAILABLE || status == 0;
  }
}
