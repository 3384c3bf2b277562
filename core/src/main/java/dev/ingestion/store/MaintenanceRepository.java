package dev.ingestion.store;

import dev.ingestion.model.IngestionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Database upkeep: consistent online backups (SQLite), integrity checks and reconciliation counts,
 * statistics and vacuum, retention of time-series tables.
 */
public final class MaintenanceRepository {
  static final List<String> COUNTED = List.of("sources", "documents", "document_versions", "chunks", "jobs", "attempts",
      "dead_letters", "metrics", "health_checks");

  private final Database db;

  public MaintenanceRepository(Database db) {
    this.db = db;
  }

  /**
   * Writes a transactionally consistent copy of a SQLite database to {@code target} while writers go on
   * (VACUUM INTO reads one snapshot). The target must not exist.
   */
  public void backupSqlite(Path target) {
    String backup = db.dialect().fileBackupSql();
    if (backup == null) {
      throw new IngestionException("backupSqlite needs a SQLite database");
    }
    if (Files.exists(target)) {
      throw new IngestionException(target + " already exists; choose a new file name or remove it first");
    }
    db.withConnection(c -> {
      try (var ps = c.prepareStatement(backup)) {
        ps.setString(1, target.toAbsolutePath().toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  /** Row counts of the main tables. */
  public Map<String, Long> counts() {
    return db.withConnection(c -> {
      Map<String, Long> out = new LinkedHashMap<>();
      for (String table : COUNTED) {
        out.put(table, db.sql(c).queryLong("SELECT count(*) FROM " + table));
      }
      return out;
    });
  }

  /** Problems found by the database's own check and by our consistency rules; empty when healthy. */
  public List<String> problems() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<String> out = new ArrayList<>();
      String integrity = db.dialect().integrityCheckSql();
      if (integrity != null) {
        List<String> check = sql.query(integrity, rs -> rs.getString(1));
        if (!(check.size() == 1 && "ok".equals(check.get(0)))) {
          out.add("integrity_check: " + String.join("; ", check));
        }
      }
      rule(sql, out, "chunks whose version is missing",
          "SELECT count(*) FROM chunks c LEFT JOIN document_versions v ON v.id = c.version_id WHERE v.id IS NULL");
      rule(sql, out, "versions whose document is missing",
          "SELECT count(*) FROM document_versions v LEFT JOIN documents d ON d.id = v.document_id WHERE d.id IS NULL");
      rule(sql, out, "documents pointing at a missing current version",
          "SELECT count(*) FROM documents d LEFT JOIN document_versions v ON v.id = d.current_version_id"
              + " WHERE d.current_version_id IS NOT NULL AND v.id IS NULL");
      rule(sql, out, "versions whose chunk count differs from their chunks",
          "SELECT count(*) FROM document_versions v WHERE v.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.version_id = v.id)");
      rule(sql, out, "completed documents without a current version",
          "SELECT count(*) FROM documents WHERE status = 'completed' AND current_version_id IS NULL");
      rule(sql, out, "pending or processing documents with no queued or running job",
          "SELECT count(*) FROM documents d WHERE d.status IN ('pending', 'processing', 'failed') AND NOT EXISTS"
              + " (SELECT 1 FROM jobs j WHERE j.document_id = d.id AND j.status IN ('queued', 'leased'))");
      return out;
    });
  }

  private static void rule(Sql sql, List<String> out, String what, String query) throws java.sql.SQLException {
    long n = sql.queryLong(query);
    if (n > 0) {
      out.add(n + " " + what);
    }
  }

  /** Refreshes planner statistics and compacts: PRAGMA optimize + VACUUM (SQLite), VACUUM ANALYZE (PostgreSQL). */
  public List<String> optimize() {
    return db.withConnection(c -> {
      List<String> done = new ArrayList<>();
      try (Statement st = c.createStatement()) {
        for (var step : db.dialect().compactionStatements().entrySet()) {
          st.execute(step.getValue());
          done.add(step.getKey());
        }
      }
      return done;
    });
  }

  /** Deletes metric samples and health checks older than the cutoffs; returns rows deleted per table. */
  public Map<String, Integer> retention(Instant metricsBefore, Instant healthChecksBefore) {
    return db.withConnection(c -> Map.of(
        "metrics", db.sql(c).update("DELETE FROM metrics WHERE timestamp < ?", metricsBefore),
        "health_checks", db.sql(c).update("DELETE FROM health_checks WHERE timestamp < ?", healthChecksBefore)));
  }

  /** Workers whose heartbeat is newer than {@code since}: a sign the services are running. */
  public long liveWorkers(Instant since) {
    return new WorkerRepository(db).aliveSince(since);
  }
}
