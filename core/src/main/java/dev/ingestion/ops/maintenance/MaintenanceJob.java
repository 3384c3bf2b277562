package dev.ingestion.ops.maintenance;

import java.util.Locale;

/** The scheduled maintenance jobs; {@link #id()} is the name in ingestion.yml and in maintenance_runs. */
public enum MaintenanceJob {
  /** ANALYZE: refresh the planner's statistics. */
  ANALYZE,
  /** PRAGMA optimize (SQLite only). */
  OPTIMIZE,
  /** VACUUM (ANALYZE) (PostgreSQL only). */
  VACUUM,
  /** REINDEX SCHEMA CONCURRENTLY of our schema (PostgreSQL only). */
  REINDEX,
  /** Deletes metric samples and health checks past their retention. */
  RETENTION,
  /** Archives dead-letter items closed more than {@code dlq_cleanup_days} ago. */
  DLQ_CLEANUP,
  /** Deletes non-current versions older than {@code version_cleanup_days} beyond the newest {@code version_keep_latest}. */
  VERSION_CLEANUP,
  /** Removes stale ingestion_* temporary files (the runbook's find /tmp -name "ingestion_*" -mtime +1 -delete). */
  TEMP_CLEANUP;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The job named {@code id}, or null. */
  public static MaintenanceJob of(String id) {
    for (MaintenanceJob j : values()) {
      if (j.id().equals(id)) {
        return j;
      }
    }
    return null;
  }
}
