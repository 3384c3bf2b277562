package dev.ingestion.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Pausing a source whose credentials stopped working, and resuming it. A paused source's queued jobs
 * wait with a due time far in the future, so the claim query (which stays unchanged and fast) never
 * hands them out; resuming makes them due again.
 */
public final class SourcePauses {
  /** The due time of a job that waits for its source to be resumed. */
  public static final Instant WAITING = Instant.parse("9999-01-01T00:00:00Z");

  private final Database db;

  public SourcePauses(Database db) {
    this.db = db;
  }

  /** A paused source and why. */
  public record Paused(String name, String type, String reason, Instant since) {}

  /** Pauses the source (if active) and parks its queued jobs. True if it was active before. */
  public boolean pause(long sourceId, String reason) {
    return db.inTransaction(c -> pause(db.sql(c), sourceId, reason, db.now()));
  }

  static boolean pause(Sql sql, long sourceId, String reason, Instant now) throws SQLException {
    int changed = sql.update("UPDATE sources SET status = 'paused', paused_reason = ?, updated_at = ?"
        + " WHERE id = ? AND status = 'active'", clip(reason), now, sourceId);
    Lifecycle.parkSource(sql, sourceId, now);
    return changed > 0;
  }

  /** Resumes the source; returns how many waiting jobs became due, or -1 if it was not paused. */
  public int resume(String name) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      long sourceId = sql.queryOne("SELECT id FROM sources WHERE name = ? AND status = 'paused'", rs -> rs.getLong(1), name)
          .orElse(-1L);
      if (sourceId < 0) {
        return -1;
      }
      sql.update("UPDATE sources SET status = 'active', paused_reason = NULL, updated_at = ? WHERE id = ?", now, sourceId);
      return Lifecycle.unparkSource(sql, sourceId, now);
    });
  }

  public List<Paused> paused() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("SELECT name, type, paused_reason, updated_at FROM sources WHERE status = 'paused' ORDER BY name",
          rs -> new Paused(rs.getString(1), rs.getString(2), rs.getString(3), sql.instant(rs, "updated_at")));
    });
  }

  private static String clip(String reason) {
    String r = reason == null ? "" : reason;
    return r.length() > 2000 ? r.substring(0, 2000) + "..." : r;
  }
}
