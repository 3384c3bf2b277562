package dev.ingestion.store;

import java.time.Instant;
import java.util.List;

/** Worker processes sharing the database: who is alive, and where (host and pid) they run. */
public final class WorkerRepository {
  private final Database db;

  public WorkerRepository(Database db) {
    this.db = db;
  }

  public record WorkerRow(String id, String kind, String host, long pid, Instant processStartedAt,
      int concurrency, Instant startedAt, Instant heartbeatAt) {}

  public void register(WorkerRow w) {
    db.withConnection(c -> db.sql(c).update("""
        INSERT INTO workers (id, kind, host, pid, process_started_at, concurrency, started_at, heartbeat_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
        w.id(), w.kind(), w.host(), w.pid(), w.processStartedAt(), w.concurrency(), w.startedAt(), w.heartbeatAt()));
  }

  public void heartbeat(String id) {
    db.withConnection(c -> db.sql(c).update("UPDATE workers SET heartbeat_at = ? WHERE id = ?", db.now(), id));
  }

  public void stopped(String id) {
    db.withConnection(c -> db.sql(c).update("UPDATE workers SET stopped_at = ? WHERE id = ?", db.now(), id));
  }

  /** Workers not marked stopped, on the given host, other than {@code except}. */
  public List<WorkerRow> runningOnHost(String host, String except) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, kind, host, pid, process_started_at, concurrency, started_at, heartbeat_at FROM workers
           WHERE host = ? AND stopped_at IS NULL AND id <> ?""",
          rs -> new WorkerRow(rs.getString("id"), rs.getString("kind"), rs.getString("host"), rs.getLong("pid"),
              sql.instant(rs, "process_started_at"), rs.getInt("concurrency"), sql.instant(rs, "started_at"),
              sql.instant(rs, "heartbeat_at")),
          host, except);
    });
  }

  /** Workers whose last heartbeat is after {@code since}. */
  public long aliveSince(Instant since) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM workers WHERE stopped_at IS NULL AND heartbeat_at >= ?", since));
  }
}
