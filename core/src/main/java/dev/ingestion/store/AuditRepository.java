package dev.ingestion.store;

import java.time.Instant;
import java.util.List;

/** The audit trail: one row per state-changing API call. */
public final class AuditRepository {
  private final Database db;

  public AuditRepository(Database db) {
    this.db = db;
  }

  /** One audited call: who, from where, what, on what, the outcome, and the state before and after. */
  public record AuditRow(long id, Instant at, String actor, String actorRole, String client, String method, String path,
      String target, int status, String before, String after) {}

  public long add(AuditRow row) {
    return db.withConnection(c -> db.sql(c).insert("""
        INSERT INTO audit_log (at, actor, actor_role, client, method, path, target, status, before_state, after_state)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", row.at(), row.actor(), row.actorRole(), row.client(), row.method(),
        row.path(), row.target(), row.status(), row.before(), row.after()));
  }

  /** The newest {@code limit} entries, newest first. */
  public List<AuditRow> latest(int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, at, actor, actor_role, client, method, path, target, status, before_state, after_state
            FROM audit_log ORDER BY id DESC LIMIT ?""",
          rs -> new AuditRow(rs.getLong("id"), sql.instant(rs, "at"), rs.getString("actor"), rs.getString("actor_role"),
              rs.getString("client"), rs.getString("method"), rs.getString("path"), rs.getString("target"),
              rs.getInt("status"), rs.getString("before_state"), rs.getString("after_state")), limit);
    });
  }
}
