package dev.ingestion.model;

import java.util.Locale;

/** Life cycle of a job, as stored in {@code jobs.status}. At most one job per document is active. */
public enum JobStatus {
  /** Waiting to be claimed once due ({@code run_after}); active. */
  QUEUED,
  /** Claimed by one worker until its lease expires; active. */
  LEASED,
  /** Finished: the document completed (or its content was unchanged). */
  DONE,
  /** Finished: the document went to the dead-letter queue. */
  DEAD,
  /** Dropped: the document was deleted from its source. */
  CANCELLED;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value as an SQL string literal, for statements whose WHERE must match a partial index. */
  public String sql() {
    return "'" + dbValue() + "'";
  }

  public static JobStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
