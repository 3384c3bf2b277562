package dev.ingestion.model;

import java.util.Locale;

/** Life cycle of a document, as stored in {@code documents.status}. */
public enum DocumentStatus {
  /** Discovered or changed; waiting for a worker. */
  PENDING,
  /** Leased by a worker right now. */
  PROCESSING,
  /** Its current version's chunks are stored. */
  COMPLETED,
  /** The last attempt failed; a retry is scheduled. */
  FAILED,
  /** Failed permanently or ran out of attempts; parked in the dead-letter queue. */
  DEAD_LETTER,
  /** Gone from its source; its chunks are out of the current view. */
  DELETED;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value as an SQL string literal. */
  public String sql() {
    return "'" + dbValue() + "'";
  }

  public static DocumentStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
