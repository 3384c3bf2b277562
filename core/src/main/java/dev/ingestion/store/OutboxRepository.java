package dev.ingestion.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notification outbox: messages written before anyone is called, then delivered, retried or given
 * up. Every transition of a row is a method here; each fences on the row still being pending.
 */
public final class OutboxRepository {
  private static final String COLUMNS = """
      SELECT id, alert_id, escalation_id, event, severity, channel, target, subject, body, status, failures, created_at,
             next_attempt_at, last_attempt_at, delivered_at, last_error
        FROM notification_outbox""";

  private final Database db;

  public OutboxRepository(Database db) {
    this.db = db;
  }

  /** A message to deliver; {@code alertId} and {@code escalationId} may be null, {@code subject} is for e-mail. */
  public record NewMessage(Long alertId, Long escalationId, String event, String severity, String channel, String target,
      String subject, String body) {}

  /** A stored message and how its delivery is going. */
  public record Message(long id, Long alertId, Long escalationId, String event, String severity, String channel, String target,
      String subject, String body, String status, int failures, Instant createdAt, Instant nextAttemptAt,
      Instant lastAttemptAt, Instant deliveredAt, String lastError) {}

  /** Messages by status, and the failed attempts summed over all of them. */
  public record Counts(Map<String, Long> byStatus, long failedAttempts) {
    public long get(String status) {
      return byStatus.getOrDefault(status, 0L);
    }
  }

  private static Message map(Sql sql, ResultSet rs) throws SQLException {
    return new Message(rs.getLong("id"), Sql.longOrNull(rs, "alert_id"), Sql.longOrNull(rs, "escalation_id"),
        rs.getString("event"), rs.getString("severity"), rs.getString("channel"), rs.getString("target"), rs.getString("subject"),
        rs.getString("body"), rs.getString("status"), rs.getInt("failures"), sql.instant(rs, "created_at"),
        sql.instant(rs, "next_attempt_at"), sql.instant(rs, "last_attempt_at"), sql.instant(rs, "delivered_at"),
        rs.getString("last_error"));
  }

  /** Queues a message, due at once; returns its id. */
  public long enqueue(NewMessage m, Instant now) {
    return db.withConnection(c -> db.sql(c).insert("""
        INSERT INTO notification_outbox (alert_id, escalation_id, event, severity, channel, target, subject, body,
                                         status, created_at, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""",
        m.alertId(), m.escalationId(), m.event(), m.severity(), m.channel(), m.target(), m.subject(), m.body(), now, now));
  }

  /**
   * Claims up to {@code limit} due messages by moving their next attempt to {@code leaseUntil}: a row
   * another process claimed meanwhile is no longer due and is left to it.
   */
  public List<Message> claimDue(Instant now, Instant leaseUntil, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<Message> due = sql.query(COLUMNS + " WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?",
          rs -> map(sql, rs), now, limit);
      List<Message> claimed = new ArrayList<>();
      for (Message m : due) {
        if (sql.update("UPDATE notification_outbox SET next_attempt_at = ? WHERE id = ? AND status = 'pending'"
            + " AND next_attempt_at <= ?", leaseUntil, m.id(), now) == 1) {
          claimed.add(m);
        }
      }
      return claimed;
    });
  }

  /** pending -> delivered. */
  public boolean delivered(long id, Instant at) {
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE notification_outbox SET status = 'delivered', delivered_at = ?, last_attempt_at = ?
         WHERE id = ? AND status = 'pending'""", at, at, id)) == 1;
  }

  /** A failed attempt: pending again at {@code nextAttempt}. */
  public boolean retryAt(long id, Instant at, String error, Instant nextAttempt) {
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE notification_outbox SET failures = failures + 1, last_attempt_at = ?, last_error = ?, next_attempt_at = ?
         WHERE id = ? AND status = 'pending'""", at, error, nextAttempt, id)) == 1;
  }

  /** A failed attempt after which we stop trying: pending -> failed. */
  public boolean giveUp(long id, Instant at, String error) {
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE notification_outbox SET status = 'failed', failures = failures + 1, last_attempt_at = ?, last_error = ?
         WHERE id = ? AND status = 'pending'""", at, error, id)) == 1;
  }

  /** pending -> cancelled, without an attempt (the reason goes in last_error). */
  public boolean cancel(long id, String reason) {
    return db.withConnection(c -> db.sql(c).update(
        "UPDATE notification_outbox SET status = 'cancelled', last_error = ? WHERE id = ? AND status = 'pending'",
        reason, id)) == 1;
  }

  public Counts counts() {
    return db.withConnection(c -> {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      long[] failures = new long[1];
      db.sql(c).query("SELECT status, count(*) AS n, sum(failures) AS f FROM notification_outbox GROUP BY status",
          rs -> {
            byStatus.put(rs.getString("status"), rs.getLong("n"));
            failures[0] += rs.getLong("f");
            return null;
          });
      return new Counts(byStatus, failures[0]);
    });
  }

  /** Messages of one alert, oldest first. */
  public List<Message> forAlert(long alertId) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query(COLUMNS + " WHERE alert_id = ? ORDER BY id", rs -> map(sql, rs), alertId);
    });
  }

  /** Messages in {@code status} (any when null), newest first. */
  public List<Message> list(String status, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return status == null
          ? sql.query(COLUMNS + " ORDER BY id DESC LIMIT ?", rs -> map(sql, rs), limit)
          : sql.query(COLUMNS + " WHERE status = ? ORDER BY id DESC LIMIT ?", rs -> map(sql, rs), status, limit);
    });
  }

  /**
   * Per target (channel and address), the message attempted last since {@code since}: whether the
   * target is failing now is read from it.
   */
  public List<Message> lastAttemptPerTarget(Instant since) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      Map<String, Message> latest = new LinkedHashMap<>();
      for (Message m : sql.query(COLUMNS + " WHERE last_attempt_at >= ? AND status <> 'cancelled'"
          + " ORDER BY last_attempt_at, id", rs -> map(sql, rs), since)) {
        latest.put(m.channel() + " " + m.target(), m);
      }
      return List.copyOf(latest.values());
    });
  }
}
