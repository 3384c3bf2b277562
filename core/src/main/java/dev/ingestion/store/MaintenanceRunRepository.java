package dev.ingestion.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs of the scheduled maintenance jobs and their outcomes. */
public final class MaintenanceRunRepository {
  private static final String COLUMNS =
      "SELECT id, job, schedule, started_at, finished_at, outcome, details, error FROM maintenance_runs";

  private final Database db;

  public MaintenanceRunRepository(Database db) {
    this.db = db;
  }

  /** One run: {@code details} is JSON of what the job did; {@code error} is set when it failed. */
  public record Run(long id, String job, String schedule, Instant startedAt, Instant finishedAt, String outcome,
      String details, String error) {}

  public long record(Run run) {
    return db.withConnection(c -> db.sql(c).insert("""
        INSERT INTO maintenance_runs (job, schedule, started_at, finished_at, outcome, details, error)
        VALUES (?, ?, ?, ?, ?, ?, ?)""", run.job(), run.schedule(), run.startedAt(), run.finishedAt(), run.outcome(),
        run.details(), run.error()));
  }

  /** When {@code job} last started, if ever. */
  public Optional<Instant> lastStart(String job) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("SELECT max(started_at) AS started_at FROM maintenance_runs WHERE job = ?",
          rs -> sql.instant(rs, "started_at"), job);
    });
  }

  /** When {@code job} last finished successfully, if ever. */
  public Optional<Instant> lastSucceeded(String job) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("SELECT max(finished_at) AS finished_at FROM maintenance_runs WHERE job = ?"
          + " AND outcome = 'succeeded'", rs -> sql.instant(rs, "finished_at"), job);
    });
  }

  /** Runs newest first, of one job when {@code job} is not null. */
  public List<Run> list(String job, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<Object> params = new ArrayList<>();
      String where = "";
      if (job != null) {
        where = " WHERE job = ?";
        params.add(job);
      }
      params.add(limit);
      return sql.query(COLUMNS + where + " ORDER BY started_at DESC, id DESC LIMIT ?", rs -> map(sql, rs),
          params.toArray());
    });
  }

  private static Run map(Sql sql, ResultSet rs) throws SQLException {
    return new Run(rs.getLong("id"), rs.getString("job"), rs.getString("schedule"), sql.instant(rs, "started_at"),
        sql.instant(rs, "finished_at"), rs.getString("outcome"), rs.getString("details"), rs.getString("error"));
  }
}
