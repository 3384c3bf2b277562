package dev.ingestion.store;

import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persistent work queue. A claim leases due jobs to one worker until the lease expires; the worker
 * extends its leases by heartbeat. A job whose lease expired (its worker died) goes back to the queue,
 * its attempt counted, so a document that kills every worker that touches it ends up dead-lettered.
 */
public final class JobQueue {
  private final Database db;

  public JobQueue(Database db) {
    this.db = db;
  }

  /** Leases up to {@code limit} due jobs to {@code owner} and marks their documents processing. */
  public List<Job> claim(String owner, int limit, Duration lease) {
    Instant now = db.now();
    return db.inTransaction(c -> {
      List<Job> jobs = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(db.dialect().claimJobsSql())) {
        db.dialect().bindClaim(ps, owner, now.plus(lease), now, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            jobs.add(new Job(rs.getLong("id"), rs.getLong("document_id"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("reason"), JobOverrides.fromText(rs.getString("overrides"))));
          }
        }
      }
      Sql sql = db.sql(c);
      for (Job job : jobs) {
        sql.update("UPDATE documents SET status = 'processing', updated_at = ? WHERE id = ?", now, job.documentId());
      }
      return jobs;
    });
  }

  /** Extends every lease {@code owner} holds; returns how many. */
  public int heartbeat(String owner, Duration lease) {
    Instant now = db.now();
    return db.withConnection(c -> db.sql(c).update(
        "UPDATE jobs SET lease_expires_at = ? WHERE lease_owner = ? AND status = 'leased'", now.plus(lease), owner));
  }

  /**
   * Extends the leases of the given jobs only. A job the worker could not finish recording (the database
   * went away mid-way) drops out of the set, so its lease runs out and the queue recovers it.
   */
  public int heartbeat(String owner, Duration lease, java.util.Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    Instant expiry = db.now().plus(lease);
    return db.inTransaction(c -> {
      int n = 0;
      for (long id : jobIds) {
        n += db.sql(c).update("UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'leased'",
            expiry, id, owner);
      }
      return n;
    });
  }

  /** Gives back jobs that {@code owner} leased but did not start or finish (graceful shutdown). */
  public int release(String owner) {
    Instant now = db.now();
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      sql.update("""
          UPDATE documents SET status = 'pending', updated_at = ?
           WHERE id IN (SELECT document_id FROM jobs WHERE lease_owner = ? AND status = 'leased')""", now, owner);
      return sql.update("""
          UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                 attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ?
           WHERE lease_owner = ? AND status = 'leased'""", now, owner);
    });
  }

  /**
   * Puts back jobs whose lease expired, or whose owner is in {@code deadOwners}, recording an abandoned
   * attempt for each. Returns the number recovered.
   */
  public int recoverAbandoned(List<String> deadOwners) {
    Instant now = db.now();
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      List<Object[]> stale = new ArrayList<>(sql.query(
          "SELECT id, document_id, attempts, lease_owner FROM jobs WHERE status = 'leased' AND lease_expires_at < ?",
          rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)}, now));
      for (String owner : deadOwners) {
        stale.addAll(sql.query(
            "SELECT id, document_id, attempts, lease_owner FROM jobs WHERE status = 'leased' AND lease_owner = ?",
            rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)}, owner));
      }
      for (Object[] row : stale) {
        requeueAbandoned(sql, (Long) row[0], (Long) row[1], (Integer) row[2], (String) row[3], now);
      }
      return stale.size();
    });
  }

  private static void requeueAbandoned(Sql sql, long jobId, long documentId, int attempts, String owner, Instant now)
      throws java.sql.SQLException {
    int updated = sql.update("""
        UPDATE jobs SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE id = ? AND status = 'leased' AND lease_owner = ?""", now, jobId, owner);
    if (updated == 0) {
      return;
    }
    sql.update("UPDATE documents SET status = 'pending', updated_at = ? WHERE id = ? AND status = 'processing'",
        now, documentId);
    sql.update("""
        INSERT INTO attempts (job_id, document_id, attempt_no, worker_id, started_at, finished_at, duration_ms,
                              outcome, message)
        VALUES (?, ?, ?, ?, ?, ?, 0, 'abandoned', ?)""",
        jobId, documentId, attempts, owner, now, now,
        "worker " + owner + " stopped (crash, kill or lost lease) while processing; job requeued");
  }

  /** Jobs queued or leased, not counting those waiting for their paused source to be resumed. */
  public long activeCount() {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased') AND run_after < ?", SourcePauses.WAITING));
  }

  public long queuedCount() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM jobs WHERE status = 'queued'"));
  }

  /** When the earliest queued job becomes due, if any. */
  public Optional<Instant> nextDue() {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT min(run_after) AS due FROM jobs WHERE status = 'queued'", rs -> db.sql(c).instant(rs, "due")))
        .filter(i -> i != null);
  }

  /** Queues a job for a document unless one is already queued or running. */
  public void enqueue(long documentId, String reason, int maxAttempts, JobOverrides overrides) {
    db.inTransaction(c -> {
      enqueueIn(db.sql(c), documentId, reason, maxAttempts, overrides, db.now());
      return null;
    });
  }

  /** {@link #enqueue} inside the caller's transaction. */
  static void enqueueIn(Sql sql, long documentId, String reason, int maxAttempts, JobOverrides overrides, Instant now)
      throws java.sql.SQLException {
    SyncRepository.enqueue(sql, documentId, reason, now, maxAttempts);
    if (!overrides.isEmpty()) {
      sql.update("UPDATE jobs SET overrides = ? WHERE document_id = ? AND status = 'queued'",
          overrides.toText(), documentId);
    }
    sql.update("UPDATE documents SET status = 'pending', attempts = 0, updated_at = ?"
        + " WHERE id = ? AND status IN ('completed', 'failed', 'dead_letter')", now, documentId);
  }
}
