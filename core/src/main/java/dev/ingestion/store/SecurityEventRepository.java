package dev.ingestion.store;

import java.time.Instant;
import java.util.List;

/**
 * Security events (failed authentications, throttled clients, role denials, suspicious requests) with
 * their time, so windows can be counted across processes and restarts.
 */
public final class SecurityEventRepository {
  private final Database db;

  public SecurityEventRepository(Database db) {
    this.db = db;
  }

  /** How many events of one kind came from one client. */
  public record ClientCount(String client, long count) {}

  public void add(Instant at, String kind, String client, String username, String detail) {
    db.withConnection(c -> db.sql(c).update(
        "INSERT INTO security_events (at, kind, client, username, detail) VALUES (?, ?, ?, ?, ?)",
        at, kind, client, username, detail));
  }

  public long count(String kind, Instant since) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM security_events WHERE kind = ? AND at >= ?", kind, since));
  }

  public long distinctClients(String kind, Instant since) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(DISTINCT client) FROM security_events WHERE kind = ? AND at >= ?", kind, since));
  }

  /** The clients with the most events of {@code kind} since {@code since}. */
  public List<ClientCount> topClients(String kind, Instant since, int limit) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT client, count(*) AS n FROM security_events WHERE kind = ? AND at >= ?
         GROUP BY client ORDER BY n DESC, client LIMIT ?""",
        rs -> new ClientCount(rs.getString("client"), rs.getLong("n")), kind, since, limit));
  }

  /** Deletes events older than {@code before}; returns how many. */
  public int deleteBefore(Instant before) {
    return db.withConnection(c -> db.sql(c).update("DELETE FROM security_events WHERE at < ?", before));
  }
}
