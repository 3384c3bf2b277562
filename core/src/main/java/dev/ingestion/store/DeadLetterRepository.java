package dev.ingestion.store;

import dev.ingestion.model.JobOverrides;
import java.time.Instant;
import java.util.List;

/**
 * Write side of the dead-letter queue: the review workflow. Each change is one conditional UPDATE (the
 * item must be in a state that allows it); 0 rows changed means the item is missing or in another state,
 * which the caller turns into a precise error.
 */
public final class DeadLetterRepository {
  private static final String OPEN_SQL = "('pending', 'in_review', 'retrying')";

  private final Database db;

  public DeadLetterRepository(Database db) {
    this.db = db;
  }

  /** pending or in_review -> in_review with an assignee. */
  public boolean assign(long id, String assignee, String notes) {
    Instant now = db.now();
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE dead_letters SET status = 'in_review', assignee = ?, notes = coalesce(?, notes), updated_at = ?
         WHERE id = ? AND status IN ('pending', 'in_review')""", assignee, notes, now, id)) == 1;
  }

  /** Raises an open item's priority one step; false when missing, closed or already critical. */
  public boolean escalate(long id, String from, String to) {
    Instant now = db.now();
    return db.withConnection(c -> db.sql(c).update(
        "UPDATE dead_letters SET priority = ?, updated_at = ? WHERE id = ? AND priority = ? AND status IN " + OPEN_SQL,
        to, now, id, from)) == 1;
  }

  /** Closes an open item as {@code resolved} or {@code discarded}. */
  public boolean close(long id, String status, String notes) {
    Instant now = db.now();
    return db.withConnection(c -> db.sql(c).update(
        "UPDATE dead_letters SET status = ?, resolution_notes = ?, resolved_at = ?, updated_at = ? WHERE id = ? AND status IN "
            + OPEN_SQL, status, notes, now, now, id)) == 1;
  }

  /**
   * Queues a replay of each item's document (with {@code overrides}) and marks the item retrying, in one
   * transaction per call. Items not pending or in review, and documents deleted from their source, are
   * skipped. Returns the ids retried.
   */
  public List<Long> retry(List<Long> ids, JobOverrides overrides, int maxAttempts) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      List<Long> done = new java.util.ArrayList<>();
      for (long id : ids) {
        Long documentId = sql.queryOne("""
            SELECT q.document_id FROM dead_letters q JOIN documents d ON d.id = q.document_id
             WHERE q.id = ? AND q.status IN ('pending', 'in_review') AND d.status <> 'deleted'""",
            rs -> rs.getLong(1), id).orElse(null);
        if (documentId == null) {
          continue;
        }
        Lifecycle.replay(sql, documentId, "replay", maxAttempts, overrides, now);
        sql.update("UPDATE dead_letters SET status = 'retrying', updated_at = ? WHERE id = ?", now, id);
        done.add(id);
      }
      return done;
    });
  }

  /** Archives items resolved or discarded before {@code cutoff}; returns how many. */
  public int archiveClosedBefore(Instant cutoff) {
    Instant now = db.now();
    return db.withConnection(c -> db.sql(c).update("""
        UPDATE dead_letters SET status = 'archived', updated_at = ?
         WHERE status IN ('resolved', 'discarded') AND resolved_at < ?""", now, cutoff));
  }
}
