package dev.ingestion.store;

import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The persistent work queue, as workers and commands use it: each call is one transaction around a
 * {@link Lifecycle} transition. A claim leases due jobs to one worker until the lease expires; the worker
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
    return db.inTransaction(Lifecycle.claimsInOneStatement(db.dialect()),
        c -> Lifecycle.claim(db.sql(c), owner, limit, lease, now));
  }

  /**
   * Extends the leases of the given jobs only (the worker's heartbeat). A job the worker could not finish
   * recording (the database went away mid-way) drops out of the set, so its lease runs out and the queue
   * recovers it.
   */
  public int heartbeat(String owner, Duration lease, Collection<Long> jobIds) {
    if (jobIds.isEmpty()) {
      return 0;
    }
    Instant expiry = db.now().plus(lease);
    return db.inTransaction(c -> Lifecycle.renew(db.sql(c), owner, jobIds, expiry));
  }

  /** Gives back jobs that {@code owner} leased but did not start or finish (graceful shutdown). */
  public int release(String owner) {
    Instant now = db.now();
    return db.inTransaction(c -> Lifecycle.release(db.sql(c), owner, now));
  }

  /** Gives back the given jobs, still leased to {@code owner}, without counting an attempt. */
  public int release(String owner, Collection<Long> jobIds) {
    Instant now = db.now();
    return db.inTransaction(c -> Lifecycle.release(db.sql(c), owner, jobIds, now));
  }

  /**
   * Puts back jobs whose lease expired, or whose owner is in {@code deadOwners}, recording an abandoned
   * attempt for each. Returns the number recovered.
   */
  public int recoverAbandoned(List<String> deadOwners) {
    Instant now = db.now();
    return db.inTransaction(c -> Lifecycle.recoverAbandoned(db.sql(c), deadOwners, now));
  }

  /** Jobs queued or leased, not counting those waiting for their paused source to be resumed. */
  public long activeCount() {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM jobs WHERE " + Lifecycle.ACTIVE + " AND run_after < ?", SourcePauses.WAITING));
  }

  public long queuedCount() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM jobs WHERE status = " + JobStatus.QUEUED.sql()));
  }

  /** When the earliest queued job becomes due, if any. */
  public Optional<Instant> nextDue() {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT min(run_after) AS due FROM jobs WHERE status = " + JobStatus.QUEUED.sql(), rs -> db.sql(c).instant(rs, "due")))
        .filter(i -> i != null);
  }

  /** Queues a job for a document unless one is already queued or running (an operator's replay). */
  public void enqueue(long documentId, String reason, int maxAttempts, JobOverrides overrides) {
    db.inTransaction(c -> {
      Lifecycle.replay(db.sql(c), documentId, reason, maxAttempts, overrides, db.now());
      return null;
    });
  }
}
