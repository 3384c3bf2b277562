package dev.ingestion.store;

import dev.ingestion.model.DocumentStatus;
import dev.ingestion.model.Failure;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.JobStatus;
import dev.ingestion.source.SourceItem;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of the job and document lifecycle: every statement that changes a row of {@code jobs}
 * or a document's {@code status} is in this class, one method per transition (the table and the
 * invariants are in docs/architecture.md). Each method runs inside the caller's transaction ({@link Sql})
 * so a transition commits together with what it records (a version, an attempt, a dead letter). Every
 * transition out of {@code leased} is fenced on the lease ({@link #LEASED_BY}): a worker that lost its
 * lease changes nothing. Statistics follow the rows by the V2 triggers on {@code jobs} and {@code
 * documents}, in the same transaction. A transition and what it records (the attempt row, ...) are
 * chained into one statement where the dialect can ({@link Dialect#chain}), so a worker's claim and its
 * completion each cost one round trip plus the commit on PostgreSQL.
 */
public final class Lifecycle {
  /** The fence: the job is still leased, and to this owner. */
  static final String LEASED_BY = "status = " + JobStatus.LEASED.sql() + " AND lease_owner = ?";
  static final String ACTIVE = "status IN (" + JobStatus.QUEUED.sql() + ", " + JobStatus.LEASED.sql() + ")";

  private static final String QUEUED = JobStatus.QUEUED.sql();
  private static final String LEASED = JobStatus.LEASED.sql();
  private static final String CANCELLED = JobStatus.CANCELLED.sql();
  private static final String PENDING = DocumentStatus.PENDING.sql();
  private static final String PROCESSING = DocumentStatus.PROCESSING.sql();
  private static final String COMPLETED = DocumentStatus.COMPLETED.sql();
  private static final String FINISHED = "(" + COMPLETED + ", " + DocumentStatus.FAILED.sql() + ", "
      + DocumentStatus.DEAD_LETTER.sql() + ")";
  private static final String DELETED = DocumentStatus.DELETED.sql();

  /** The most a large file is brought forward in the queue ({@link #dueFor}). */
  static final long MAX_HEAD_START_SECONDS = 60;

  private Lifecycle() {}

  // ---- entering the queue ----

  /** enqueue: a job for the document unless one is already active (queued or leased). */
  static void enqueue(Sql sql, long documentId, String reason, int maxAttempts, JobOverrides overrides, Instant now)
      throws SQLException {
    enqueue(sql, documentId, reason, maxAttempts, overrides, now, now);
  }

  private static void enqueue(Sql sql, long documentId, String reason, int maxAttempts, JobOverrides overrides,
      Instant due, Instant now) throws SQLException {
    sql.update("INSERT INTO jobs (document_id, status, reason, max_attempts, run_after, created_at, updated_at)"
        + " SELECT ?, " + QUEUED + ", ?, ?, ?, ?, ?"
        + " WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE document_id = ? AND " + ACTIVE + ")",
        documentId, reason, maxAttempts, due, now, now, documentId);
    if (!overrides.isEmpty()) {
      sql.update("UPDATE jobs SET overrides = ? WHERE document_id = ? AND status = " + QUEUED,
          overrides.toText(), documentId);
    }
  }

  /**
   * replay: an operator asks for the document again; queued, and a finished document (completed, failed,
   * dead letter) is pending again with its attempts reset.
   */
  static void replay(Sql sql, long documentId, String reason, int maxAttempts, JobOverrides overrides, Instant now)
      throws SQLException {
    enqueue(sql, documentId, reason, maxAttempts, overrides, now);
    sql.update("UPDATE documents SET status = " + PENDING + ", attempts = 0, updated_at = ? WHERE id = ? AND status IN "
        + FINISHED, now, documentId);
  }

  /**
   * discover: a document listed for the first time, pending with its job. Another process may list the
   * same source at once: the first insert wins, the other is a no-op.
   */
  static void discover(Sql sql, long sourceId, SourceItem item, int maxAttempts, Instant now) throws SQLException {
    Optional<Long> id = sql.queryOne("""
        INSERT INTO documents (source_id, external_id, status, change_marker, size_bytes, source_modified_at,
                               created_at, updated_at)
        VALUES (?, ?, %s, ?, ?, ?, ?, ?)
        ON CONFLICT (source_id, external_id) DO NOTHING
        RETURNING id""".formatted(PENDING),
        rs -> rs.getLong(1), sourceId, item.externalId(), item.changeMarker(), item.sizeBytes(), item.modifiedAt(), now, now);
    if (id.isPresent()) {
      enqueue(sql, id.get(), "new", maxAttempts, JobOverrides.NONE, dueFor(item.sizeBytes(), now), now);
    }
  }

  /**
   * restore: a known document changed, or came back after being deleted: pending with attempts reset and
   * queued; a deleted one's current chunks return to the current view.
   */
  static void restore(Sql sql, long documentId, SourceItem item, String reason, int maxAttempts, Instant now)
      throws SQLException {
    ChunkChanges.documentRestored(sql, documentId, now);
    sql.update("""
        UPDATE documents SET status = %s, change_marker = ?, size_bytes = ?, source_modified_at = ?,
                             attempts = 0, deleted_at = NULL, updated_at = ?
         WHERE id = ?""".formatted(PENDING),
        item.changeMarker(), item.sizeBytes(), item.modifiedAt(), now, documentId);
    enqueue(sql, documentId, reason, maxAttempts, JobOverrides.NONE, dueFor(item.sizeBytes(), now), now);
  }

  /**
   * When a document found new or changed is due: a second earlier per MiB of its size, at most a minute.
   * Claims take due jobs in that order, so among the documents listed together the large ones, which
   * take longest, start first, and a run does not end with one large file parsed alone while the other
   * workers have nothing left. Files under 1 MiB are due when listed, in the order they were listed.
   */
  static Instant dueFor(long sizeBytes, Instant now) {
    return now.minusSeconds(Math.min(MAX_HEAD_START_SECONDS, Math.max(0, sizeBytes) >> 20));
  }

  /** markDeleted: gone from its source; its active job is cancelled and its chunks leave the current view. */
  static void markDeleted(Sql sql, long documentId, Instant now) throws SQLException {
    ChunkChanges.documentDeleted(sql, documentId, now);
    sql.update("UPDATE documents SET status = " + DELETED + ", deleted_at = ?, updated_at = ?"
        + " WHERE id = ?", now, now, documentId);
    sql.update("UPDATE jobs SET status = " + CANCELLED + ", lease_owner = NULL, finished_at = ?,"
        + " updated_at = ? WHERE document_id = ? AND " + ACTIVE, now, now, documentId);
  }

  /**
   * True when {@link #claim} is one statement on this database (it then needs no transaction of its own:
   * the caller may run it in auto-commit, one round trip).
   */
  static boolean claimsInOneStatement(Dialect dialect) {
    return dialect.claimMarksDocuments();
  }

  /**
   * True when {@link #completeUnchanged} and {@link #retry} are one statement on this database, the
   * transition and its records chained ({@link Dialect#chain}).
   */
  static boolean chainsInOneStatement(Dialect dialect) {
    return dialect.chainsWrites();
  }

  // ---- the lease ----

  /** claim: leases up to {@code limit} due jobs to {@code owner}, counts an attempt on each; documents processing. */
  static List<Job> claim(Sql sql, String owner, int limit, java.time.Duration lease, Instant now) throws SQLException {
    BoundSql claim = sql.dialect().claimJobs(owner, now.plus(lease), now, limit);
    List<Job> jobs = sql.query(claim.sql(), rs -> new Job(rs.getLong("id"), rs.getLong("document_id"),
        rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getString("reason"),
        JobOverrides.fromText(rs.getString("overrides"))), claim.paramArray());
    if (!jobs.isEmpty() && !sql.dialect().claimMarksDocuments()) {
      // One statement for the batch: the owner's other leased jobs' documents are processing already.
      sql.update("UPDATE documents SET status = " + PROCESSING + ", updated_at = ? WHERE status <> " + PROCESSING
          + " AND id IN (SELECT document_id FROM jobs WHERE status = " + LEASED + " AND lease_owner = ?)", now, owner);
    }
    return jobs;
  }

  /** renew: extends the leases of the given jobs, each still leased to {@code owner}; returns how many. */
  static int renew(Sql sql, String owner, Collection<Long> jobIds, Instant expiry) throws SQLException {
    int n = 0;
    for (long id : jobIds) {
      n += sql.update("UPDATE jobs SET lease_expires_at = ? WHERE id = ? AND " + LEASED_BY, expiry, id, owner);
    }
    return n;
  }

  /**
   * release: {@code owner} stops (graceful shutdown) and hands back what it still leases, without counting
   * the attempt the claim counted; the documents are pending again.
   */
  static int release(Sql sql, String owner, Instant now) throws SQLException {
    sql.update("UPDATE documents SET status = " + PENDING + ", updated_at = ?"
        + " WHERE id IN (SELECT document_id FROM jobs WHERE " + LEASED_BY + ")", now, owner);
    return sql.update("UPDATE jobs SET status = " + QUEUED + ", lease_owner = NULL,"
        + " lease_expires_at = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ?"
        + " WHERE " + LEASED_BY, now, owner);
  }

  /**
   * release, of some jobs only: {@code owner} could not record their outcome (the database went away
   * under it) and hands them back once it can, without counting the attempt: our outage is not the
   * document's failure.
   */
  static int release(Sql sql, String owner, Collection<Long> jobIds, Instant now) throws SQLException {
    int n = 0;
    for (long id : jobIds) {
      sql.update("UPDATE documents SET status = " + PENDING + ", updated_at = ?"
          + " WHERE id = (SELECT document_id FROM jobs WHERE id = ? AND " + LEASED_BY + ")", now, id, owner);
      n += sql.update("UPDATE jobs SET status = " + QUEUED + ", lease_owner = NULL,"
          + " lease_expires_at = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ?"
          + " WHERE id = ? AND " + LEASED_BY, now, id, owner);
    }
    return n;
  }

  /**
   * recoverAbandoned: jobs whose lease expired, or whose owner is known dead, go back to the queue with
   * an 'abandoned' attempt recorded (the attempt stays counted: a document that kills every worker
   * touching it ends up parked). Returns how many.
   */
  static int recoverAbandoned(Sql sql, List<String> deadOwners, Instant now) throws SQLException {
    String select = "SELECT id, document_id, attempts, lease_owner FROM jobs WHERE status = " + LEASED;
    RowMapper<Object[]> row = rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4)};
    List<Object[]> stale = new ArrayList<>(sql.query(select + " AND lease_expires_at < ?", row, now));
    for (String owner : deadOwners) {
      stale.addAll(sql.query(select + " AND lease_owner = ?", row, owner));
    }
    int recovered = 0;
    for (Object[] r : stale) {
      recovered += requeueAbandoned(sql, (Long) r[0], (Long) r[1], (Integer) r[2], (String) r[3], now) ? 1 : 0;
    }
    return recovered;
  }

  private static boolean requeueAbandoned(Sql sql, long jobId, long documentId, int attempts, String owner,
      Instant now) throws SQLException {
    if (sql.update("UPDATE jobs SET status = " + QUEUED + ", lease_owner = NULL,"
        + " lease_expires_at = NULL, updated_at = ? WHERE id = ? AND " + LEASED_BY, now, jobId, owner) == 0) {
      return false;
    }
    sql.update("UPDATE documents SET status = " + PENDING + ", updated_at = ? WHERE id = ? AND status = " + PROCESSING,
        now, documentId);
    sql.update("""
        INSERT INTO attempts (job_id, document_id, attempt_no, worker_id, started_at, finished_at, duration_ms,
                              outcome, message)
        VALUES (?, ?, ?, ?, ?, ?, 0, 'abandoned', ?)""",
        jobId, documentId, attempts, owner, now, now,
        "worker " + owner + " stopped (crash, kill or lost lease) while processing; job requeued");
    return true;
  }

  // ---- finishing an attempt (each fenced on the lease) ----

  /** What a completed attempt makes current. */
  record Completion(long versionId, int versionNo, String contentHash, String observedMarker, long sizeBytes,
      String mimeType, String title, long processingMs, boolean truncated, String sourceMetadataJson) {}

  /** Stores the new version (and its chunks) once the fence has passed; says what became current. */
  interface VersionWriter {
    Completion write() throws SQLException;
  }

  /**
   * complete: the job is done; {@code writer} stores the new version, and the document is completed with
   * it as current, with {@code records} (the attempt row, ...) written in the same statement where the
   * database can. Returns what became current, or null (nothing written) if the lease was lost.
   */
  static Completion complete(Sql sql, Job job, String owner, Instant now, VersionWriter writer,
      List<BoundSql> records) throws SQLException {
    if (!finish(sql, job, owner, JobStatus.DONE, now)) {
      return null;
    }
    Completion c = writer.write();
    chained(sql, BoundSql.of("""
        UPDATE documents SET status = %s, current_version_id = ?, version_count = ?, content_hash = ?,
               processed_marker = ?, size_bytes = ?, mime_type = ?, title = ?, attempts = ?,
               last_error = NULL, last_error_category = NULL, processing_ms = ?, truncated = ?,
               source_metadata = ?, completed_at = ?, updated_at = ?
         WHERE id = ?""".formatted(COMPLETED),
        c.versionId(), c.versionNo(), c.contentHash(), c.observedMarker(), c.sizeBytes(), c.mimeType(), c.title(),
        job.attempts(), c.processingMs(), c.truncated(), c.sourceMetadataJson(), now, now, job.documentId()),
        records);
    return c;
  }

  /**
   * complete, when the content hash matched the current version, with {@code records} (the attempt row,
   * ...): on PostgreSQL the whole transition is one statement. False (nothing written) if the lease was
   * lost.
   */
  static boolean completeUnchanged(Sql sql, Job job, String owner, String observedMarker, Instant now,
      List<BoundSql> records) throws SQLException {
    List<BoundSql> then = new ArrayList<>();
    then.add(BoundSql.of("UPDATE documents SET status = " + COMPLETED + ", processed_marker = ?,"
        + " attempts = ?, last_error = NULL, last_error_category = NULL, updated_at = ? WHERE id = ?",
        observedMarker, job.attempts(), now, job.documentId()));
    then.addAll(records);
    return chained(sql, fenceSql(job, owner, "status = ?, finished_at = ?", now, JobStatus.DONE.dbValue(), now), then);
  }

  /**
   * retry: back to the queue, due at {@code runAfter}; the document failed; {@code records} (the attempt
   * row) in the same statement where the database can. False (nothing written) if the lease was lost.
   */
  static boolean retry(Sql sql, Job job, AttemptRecord attempt, Failure failure, Instant runAfter, Instant now,
      List<BoundSql> records) throws SQLException {
    List<BoundSql> then = new ArrayList<>();
    then.add(failed(job, failure, DocumentStatus.FAILED, attempt, now));
    then.addAll(records);
    return chained(sql, fenceSql(job, attempt.workerId(), "status = " + QUEUED + ", run_after = ?", now, runAfter),
        then);
  }

  /**
   * pause: the source refused our credentials; the job waits for the source to be resumed without the
   * attempt counted, and the document failed. False if the lease was lost.
   */
  static boolean pause(Sql sql, Job job, AttemptRecord attempt, Failure failure, Instant now)
      throws SQLException {
    if (!fence(sql, job, attempt.workerId(), "status = " + QUEUED + ", run_after = ?,"
        + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END", now, SourcePauses.WAITING)) {
      return false;
    }
    markFailed(sql, job, failure, DocumentStatus.FAILED, attempt.observedMarker(), null, now);
    return true;
  }

  /**
   * deadLetter: the job is dead and the document parked in the dead-letter queue; {@code records} (the
   * attempt row) in the same statement where the database can. False (nothing written) if the lease was lost.
   */
  static boolean deadLetter(Sql sql, Job job, AttemptRecord attempt, Failure failure, Instant now,
      List<BoundSql> records) throws SQLException {
    List<BoundSql> then = new ArrayList<>();
    then.add(failed(job, failure, DocumentStatus.DEAD_LETTER, attempt, now));
    then.addAll(records);
    return chained(sql, fenceSql(job, attempt.workerId(), "status = ?, finished_at = ?", now,
        JobStatus.DEAD.dbValue(), now), then);
  }

  // ---- a paused source's queued jobs ----

  /** Parks the source's queued jobs: due at {@link SourcePauses#WAITING}, never claimed. */
  static int parkSource(Sql sql, long sourceId, Instant now) throws SQLException {
    return sql.update("UPDATE jobs SET run_after = ?, updated_at = ? WHERE status = " + QUEUED
        + " AND run_after < ? AND document_id IN (SELECT id FROM documents WHERE source_id = ?)",
        SourcePauses.WAITING, now, SourcePauses.WAITING, sourceId);
  }

  /** Makes the parked jobs of a resumed source due now; returns how many. */
  static int unparkSource(Sql sql, long sourceId, Instant now) throws SQLException {
    return sql.update("UPDATE jobs SET run_after = ?, updated_at = ? WHERE status = " + QUEUED
        + " AND run_after >= ? AND document_id IN (SELECT id FROM documents WHERE source_id = ?)",
        now, now, SourcePauses.WAITING, sourceId);
  }

  // ---- the fence ----

  /** Ends a leased job ({@code done} or {@code dead}), fenced on the lease. */
  private static boolean finish(Sql sql, Job job, String owner, JobStatus status, Instant now) throws SQLException {
    return fence(sql, job, owner, "status = ?, finished_at = ?", now, status.dbValue(), now);
  }

  /**
   * The one fenced statement: applies {@code set} (with its {@code values}) to the job, clearing its
   * lease, only while it is leased to {@code owner}. Every transition out of {@code leased} but
   * release and recovery (which select by owner the same way) goes through here.
   */
  private static boolean fence(Sql sql, Job job, String owner, String set, Instant now, Object... values)
      throws SQLException {
    BoundSql fence = fenceSql(job, owner, set, now, values);
    return sql.update(fence.sql(), fence.paramArray()) == 1;
  }

  private static BoundSql fenceSql(Job job, String owner, String set, Instant now, Object... values) {
    Object[] params = new Object[values.length + 3];
    System.arraycopy(values, 0, params, 0, values.length);
    params[values.length] = now;
    params[values.length + 1] = job.id();
    params[values.length + 2] = owner;
    return BoundSql.of("UPDATE jobs SET " + set + ", lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
        + " WHERE id = ? AND " + LEASED_BY, params);
  }

  /**
   * Runs {@code first} and, only when it changed a row, each of {@code then}: as one statement where the
   * dialect can chain writes (one round trip instead of one per statement), otherwise one after the other.
   * True when {@code first} changed a row.
   */
  private static boolean chained(Sql sql, BoundSql first, List<BoundSql> then) throws SQLException {
    BoundSql chain = sql.dialect().chain(first, then);
    if (chain != null) {
      return sql.queryLong(chain.sql(), chain.paramArray()) == 1;
    }
    if (sql.update(first.sql(), first.paramArray()) != 1) {
      return false;
    }
    for (BoundSql write : then) {
      sql.update(write.sql(), write.paramArray());
    }
    return true;
  }

  /**
   * The document failed: its last error, and (for an attempt that processed it) how long that took, so
   * slow failures and timeouts are among the slowest documents.
   */
  private static BoundSql failed(Job job, Failure failure, DocumentStatus status, AttemptRecord attempt,
      Instant now) {
    return failed(job, failure, status, attempt.observedMarker(),
        java.time.Duration.between(attempt.startedAt(), now).toMillis(), now);
  }

  private static void markFailed(Sql sql, Job job, Failure failure, DocumentStatus status, String observedMarker,
      Long processingMs, Instant now) throws SQLException {
    BoundSql update = failed(job, failure, status, observedMarker, processingMs, now);
    sql.update(update.sql(), update.paramArray());
  }

  private static BoundSql failed(Job job, Failure failure, DocumentStatus status, String observedMarker,
      Long processingMs, Instant now) {
    return BoundSql.of("""
        UPDATE documents SET status = ?, processed_marker = ?, attempts = ?, last_error = ?, last_error_category = ?,
               processing_ms = coalesce(?, processing_ms), updated_at = ?
         WHERE id = ?""",
        status.dbValue(), observedMarker, job.attempts(), failure.message(), failure.category().dbValue(), processingMs,
        now, job.documentId());
  }
}
