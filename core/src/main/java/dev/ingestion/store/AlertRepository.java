package dev.ingestion.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Alerts and their history. At most one open (active or acknowledged) alert per rule and key. */
public final class AlertRepository {
  private static final String COLUMNS = """
      SELECT id, rule, alert_key, severity, status, message, value, threshold, first_seen_at, last_seen_at,
             acknowledged_by, acknowledged_at, ack_notes, resolved_at, resolved_by, resolution_notes, notified_at,
             priority
        FROM alerts""";

  private final Database db;

  public AlertRepository(Database db) {
    this.db = db;
  }

  /** An alert as stored. */
  public record AlertRow(long id, String rule, String key, String severity, String status, String message,
      Double value, Double threshold, Instant firstSeenAt, Instant lastSeenAt, String acknowledgedBy,
      Instant acknowledgedAt, String ackNotes, Instant resolvedAt, String resolvedBy, String resolutionNotes,
      Instant notifiedAt, String priority) {}

  /** What a rule found: the values of a new or refreshed alert. */
  public record Firing(String rule, String key, String severity, String message, Double value, Double threshold) {}

  private static AlertRow map(Sql sql, ResultSet rs) throws SQLException {
    return new AlertRow(rs.getLong("id"), rs.getString("rule"), rs.getString("alert_key"), rs.getString("severity"),
        rs.getString("status"), rs.getString("message"), doubleOrNull(rs, "value"), doubleOrNull(rs, "threshold"),
        sql.instant(rs, "first_seen_at"), sql.instant(rs, "last_seen_at"), rs.getString("acknowledged_by"),
        sql.instant(rs, "acknowledged_at"), rs.getString("ack_notes"), sql.instant(rs, "resolved_at"),
        rs.getString("resolved_by"), rs.getString("resolution_notes"), sql.instant(rs, "notified_at"),
        rs.getString("priority"));
  }

  private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }

  public List<AlertRow> open() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query(COLUMNS + " WHERE status IN ('active', 'acknowledged') ORDER BY first_seen_at, id",
          rs -> map(sql, rs));
    });
  }

  /** Alerts in {@code status} (any when null), newest first. */
  public List<AlertRow> list(String status, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<Object> params = new ArrayList<>();
      String where = "";
      if (status != null) {
        where = " WHERE status = ?";
        params.add(status);
      }
      params.add(limit);
      return sql.query(COLUMNS + where + " ORDER BY first_seen_at DESC, id DESC LIMIT ?", rs -> map(sql, rs),
          params.toArray());
    });
  }

  public Optional<AlertRow> find(long id) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne(COLUMNS + " WHERE id = ?", rs -> map(sql, rs), id);
    });
  }

  /** Opens a new alert seen first at {@code firstSeen}, without a priority; returns its id. */
  public long open(Firing f, Instant firstSeen, Instant now) {
    return open(f, null, firstSeen, now);
  }

  /** Opens a new alert with its incident priority (P1-P4) seen first at {@code firstSeen}; returns its id. */
  public long open(Firing f, String priority, Instant firstSeen, Instant now) {
    return db.withConnection(c -> db.sql(c).insert("""
        INSERT INTO alerts (rule, alert_key, severity, status, message, value, threshold, first_seen_at, last_seen_at,
                            priority)
        VALUES (?, ?, ?, 'active', ?, ?, ?, ?, ?, ?)""",
        f.rule(), f.key(), f.severity(), f.message(), f.value(), f.threshold(), firstSeen, now, priority));
  }

  /** Refreshes an open alert with the latest reading. */
  public void refresh(long id, Firing f, Instant now) {
    db.withConnection(c -> db.sql(c).update("""
        UPDATE alerts SET severity = ?, message = ?, value = ?, threshold = ?, last_seen_at = ?
         WHERE id = ? AND status IN ('active', 'acknowledged')""",
        f.severity(), f.message(), f.value(), f.threshold(), now, id));
  }

  public void markNotified(long id, Instant at) {
    db.withConnection(c -> db.sql(c).update("UPDATE alerts SET notified_at = ? WHERE id = ?", at, id));
  }

  /** active -> acknowledged; false when the alert is missing or not active. */
  public boolean acknowledge(long id, String by, String notes, Instant at) {
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE alerts SET status = 'acknowledged', acknowledged_by = ?, ack_notes = ?, acknowledged_at = ?
         WHERE id = ? AND status = 'active'""", by, notes, at, id)) == 1;
  }

  /** Closes an open alert; false when it is missing or already resolved. */
  public boolean resolve(long id, String by, String notes, Instant at) {
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE alerts SET status = 'resolved', resolved_by = ?, resolution_notes = ?, resolved_at = ?
         WHERE id = ? AND status IN ('active', 'acknowledged')""", by, notes, at, id)) == 1;
  }
}
