package dev.ingestion.store;

import java.time.Instant;
import java.util.List;

/** The history of health checks: one row per component checked. */
public final class HealthCheckRepository {
  private final Database db;

  public HealthCheckRepository(Database db) {
    this.db = db;
  }

  /** One recorded check; {@code details} is JSON text. */
  public record CheckRow(Instant timestamp, String component, String status, Double latencyMs, String details) {}

  public void record(List<CheckRow> rows) {
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      for (CheckRow r : rows) {
        sql.update("INSERT INTO health_checks (timestamp, component, status, latency_ms, details) VALUES (?, ?, ?, ?, ?)",
            r.timestamp(), r.component(), r.status(), r.latencyMs(), r.details());
      }
      return null;
    });
  }

  /** Checks of {@code component} since {@code from}, newest first. */
  public List<CheckRow> history(String component, Instant from, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT timestamp, component, status, latency_ms, details FROM health_checks
           WHERE component = ? AND timestamp >= ? ORDER BY timestamp DESC LIMIT ?""",
          rs -> new CheckRow(sql.instant(rs, "timestamp"), rs.getString(2), rs.getString(3),
              rs.getObject(4) == null ? null : rs.getDouble(4), rs.getString(5)),
          component, from, limit);
    });
  }
}
