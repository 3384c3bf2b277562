package dev.ingestion.store;

import java.time.Instant;
import java.util.List;

/**
 * The escalation steps taken for alerts. A step is claimed before anyone is notified, once per alert
 * and level (a unique key), so two evaluations never notify the same level twice.
 */
public final class EscalationRepository {
  private final Database db;

  public EscalationRepository(Database db) {
    this.db = db;
  }

  /** One step: level (1-based), who was notified and how it went (sent, failed, or recorded only). */
  public record Step(long id, long alertId, int level, String name, String webhook, String email, Instant escalatedAt,
      String outcome, String detail) {}

  /** A step about to be taken. */
  public record NewStep(long alertId, int level, String name, String webhook, String email) {}

  /** Claims a step; returns its id, or -1 when this level was already taken for the alert. */
  public long claim(NewStep s, Instant at) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      int n = sql.update("""
          INSERT INTO alert_escalations (alert_id, level, name, webhook, email, escalated_at, outcome)
          VALUES (?, ?, ?, ?, ?, ?, 'recorded') ON CONFLICT (alert_id, level) DO NOTHING""",
          s.alertId(), s.level(), s.name(), s.webhook(), s.email(), at);
      return n == 0 ? -1L : sql.queryLong("SELECT id FROM alert_escalations WHERE alert_id = ? AND level = ?",
          s.alertId(), s.level());
    });
  }

  /** Records how notifying the step went. */
  public void outcome(long stepId, String outcome, String detail) {
    db.withConnection(c -> db.sql(c).update("UPDATE alert_escalations SET outcome = ?, detail = ? WHERE id = ?",
        outcome, detail, stepId));
  }

  /** A delivery of the step gave up: failed, unless another of its deliveries already got through. */
  public void failedUnlessSent(long stepId, String detail) {
    db.withConnection(c -> db.sql(c).update(
        "UPDATE alert_escalations SET outcome = 'failed', detail = ? WHERE id = ? AND outcome <> 'sent'", detail, stepId));
  }

  /** Notes how delivering a step that is still under way is going. */
  public void progress(long stepId, String detail) {
    db.withConnection(c -> db.sql(c).update(
        "UPDATE alert_escalations SET detail = ? WHERE id = ? AND outcome = 'recorded'", detail, stepId));
  }

  /** The highest level taken for an alert, 0 when none. */
  public int lastLevel(long alertId) {
    return db.withConnection(c -> (int) db.sql(c).queryLong(
        "SELECT max(level) FROM alert_escalations WHERE alert_id = ?", alertId));
  }

  /** Every step of an alert, in order. */
  public List<Step> steps(long alertId) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, alert_id, level, name, webhook, email, escalated_at, outcome, detail
            FROM alert_escalations WHERE alert_id = ? ORDER BY level""",
          rs -> new Step(rs.getLong("id"), rs.getLong("alert_id"), rs.getInt("level"), rs.getString("name"),
              rs.getString("webhook"), rs.getString("email"), sql.instant(rs, "escalated_at"), rs.getString("outcome"),
              rs.getString("detail")), alertId);
    });
  }
}
