package dev.ingestion.ops.reports;

import dev.ingestion.ops.maintenance.MaintenanceJob;
import dev.ingestion.store.Database;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.PostgresStatistics;
import dev.ingestion.store.SqliteStatistics;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runbook's database checks in one report: on PostgreSQL the slowest statements by mean time
 * (pg_stat_statements, or a plain statement that it is missing and how to enable it), connections by
 * state, locks waiting, table and index sizes; on SQLite pages, free pages and the WAL. Both: this
 * process's pool and the last successful maintenance run of each database job.
 */
public final class DatabaseReport {
  public static final int DEFAULT_TOP = 10;

  private final Database db;
  private final MaintenanceRunRepository runs;
  private final Clock clock;

  public DatabaseReport(Database db, MaintenanceRunRepository runs, Clock clock) {
    this.db = db;
    this.runs = runs;
    this.clock = clock;
  }

  /** This process's connection pool. */
  public record Pool(int active, int total, int max) {}

  /** The report: exactly one of {@code postgresql} and {@code sqlite} is set. */
  public record Report(String database, Instant generatedAt, Pool pool, Map<String, Instant> lastMaintenance,
      PostgresStatistics.Snapshot postgresql, SqliteView sqlite) {}

  /** SQLite's numbers, with the free space and the reason SQLite has no statement statistics. */
  public record SqliteView(SqliteStatistics.Snapshot stats, long freeBytes, double freePercent, String statements) {}

  /** The report with the {@code top} largest tables and slowest statements (1-100). */
  public Report generate(int top) {
    Pool pool = new Pool(db.activeConnections(), db.totalConnections(), db.config().maxConnections());
    Map<String, Instant> maintenance = lastMaintenance();
    if (db.config().isSqlite()) {
      SqliteStatistics.Snapshot s = new SqliteStatistics(db).read(top);
      long freeBytes = s.freePages() * s.pageSize();
      double freePercent = s.pageCount() == 0 ? 0 : Math.round(1000.0 * s.freePages() / s.pageCount()) / 10.0;
      return new Report("sqlite", clock.instant(), pool, maintenance, null, new SqliteView(s, freeBytes, freePercent,
          "SQLite keeps no statement statistics; GET /metrics/processing_time shows which stage is slow, and"
              + " EXPLAIN QUERY PLAN a statement's plan"));
    }
    return new Report("postgresql", clock.instant(), pool, maintenance, new PostgresStatistics(db).read(top), null);
  }

  /** When each database job last succeeded (null: never); VACUUM is not scheduled on SQLite. */
  private Map<String, Instant> lastMaintenance() {
    Map<String, Instant> out = new LinkedHashMap<>();
    for (MaintenanceJob job : new MaintenanceJob[] {MaintenanceJob.ANALYZE, MaintenanceJob.VACUUM,
        MaintenanceJob.REINDEX, MaintenanceJob.OPTIMIZE}) {
      out.put(job.id(), runs.lastSucceeded(job.id()).orElse(null));
    }
    return out;
  }
}
