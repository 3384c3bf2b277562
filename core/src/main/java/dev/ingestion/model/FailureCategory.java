package dev.ingestion.model;

import java.util.Locale;

/**
 * Why a document failed. Each category carries whether an automatic retry can help: a corrupt file stays
 * corrupt, a source that was briefly unreachable may come back.
 */
public enum FailureCategory {
  SOURCE_UNAVAILABLE(true, "the source could not be reached"),
  PERMISSION_DENIED(false, "the source refused access to the document"),
  NOT_FOUND(false, "the document vanished between listing and fetching"),
  UNSUPPORTED_FORMAT(false, "no parser understands this format"),
  ENCRYPTED(false, "the document is password-protected or encrypted"),
  CORRUPT(false, "the document is damaged or not what its type claims"),
  EMPTY(false, "the document has no bytes or no extractable text"),
  TOO_LARGE(false, "the document exceeds a configured size limit"),
  PARSE_TIMEOUT(false, "parsing took longer than the configured time limit"),
  RESOURCE_EXHAUSTED(true, "memory, disk or another resource ran out"),
  STORAGE_UNAVAILABLE(true, "the database was unavailable while saving"),
  INTERNAL(true, "an unexpected error inside ingestion");

  private final boolean retryableByDefault;
  private final String description;

  FailureCategory(boolean retryableByDefault, String description) {
    this.retryableByDefault = retryableByDefault;
    this.description = description;
  }

  public boolean retryableByDefault() {
    return retryableByDefault;
  }

  public String description() {
    return description;
  }

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static FailureCategory fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
