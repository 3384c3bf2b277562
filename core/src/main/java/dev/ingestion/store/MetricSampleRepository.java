package dev.ingestion.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Time series of sampled metrics (the {@code metrics} table): name, value, labels as JSON text. */
public final class MetricSampleRepository {
  private final Database db;

  public MetricSampleRepository(Database db) {
    this.db = db;
  }

  /** One sample. */
  public record Sample(Instant timestamp, String name, double value, String labels) {}

  public void record(List<Sample> samples) {
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      for (Sample s : samples) {
        sql.update("INSERT INTO metrics (timestamp, name, value, labels) VALUES (?, ?, ?, ?)",
            s.timestamp(), s.name(), s.value(), s.labels());
      }
      return null;
    });
  }

  /** Samples of {@code name} since {@code from}, oldest first, at most {@code limit}. */
  public List<Sample> series(String name, Instant from, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT timestamp, name, value, labels FROM metrics WHERE name = ? AND timestamp >= ?
           ORDER BY timestamp LIMIT ?""",
          rs -> new Sample(sql.instant(rs, "timestamp"), rs.getString(2), rs.getDouble(3), rs.getString(4)),
          name, from, limit);
    });
  }

  /** The oldest sample of {@code name} at or after {@code from}. */
  public Optional<Sample> firstSince(String name, Instant from) {
    return series(name, from, 1).stream().findFirst();
  }

  /** The newest sample of {@code name}. */
  public Optional<Sample> latest(String name) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("""
          SELECT timestamp, name, value, labels FROM metrics WHERE name = ? ORDER BY timestamp DESC LIMIT 1""",
          rs -> new Sample(sql.instant(rs, "timestamp"), rs.getString(2), rs.getDouble(3), rs.getString(4)), name);
    });
  }
}
