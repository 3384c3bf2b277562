package dev.ingestion.store;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.Failure;
import dev.ingestion.model.Job;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records the outcome of an attempt. Every write is fenced by the lease: it happens only while the job is
 * still leased to this worker, in the same transaction that finishes the job. A worker that lost its
 * lease (it stalled, the job was recovered and perhaps finished elsewhere) writes nothing, so no
 * document is completed twice and no chunk is duplicated.
 */
public final class ResultRepository {
  private final Database db;
  private final int keepVersions;

  public ResultRepository(Database db, int keepVersions) {
    this.db = db;
    this.keepVersions = keepVersions;
  }

  public Optional<WorkItem> workItem(long documentId) {
    return db.withConnection(c -> db.sql(c).queryOne("""
        SELECT d.id, d.source_id, s.name, s.type, s.location, d.external_id, d.content_hash,
               d.current_version_id, d.change_marker
          FROM documents d JOIN sources s ON s.id = d.source_id
         WHERE d.id = ?""",
        rs -> new WorkItem(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), Sql.longOrNull(rs, "current_version_id"), rs.getString(9)),
        documentId));
  }

  /** Makes {@code version} the document's current version. False if the lease was lost. */
  public boolean complete(Job job, AttemptRecord attempt, NewVersion version) {
    return complete(job, attempt, version, null).saved();
  }

  /**
   * What {@link #complete(Job, AttemptRecord, NewVersion, Duration)} did: whether the version was saved
   * (false: the lease was lost), and the job claimed next in the same transaction, or null.
   */
  public record Completed(boolean saved, Job next) {}

  /**
   * Makes {@code version} the document's current version and, when {@code claimNextLease} is given and the
   * version was saved, claims the worker's next job in the same transaction (a worker claims again as
   * soon as it finishes, so the two commits per document become one).
   */
  public Completed complete(Job job, AttemptRecord attempt, NewVersion version, Duration claimNextLease) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      Lifecycle.Completion done = Lifecycle.complete(sql, job, attempt.workerId(), now, () -> {
        Previous previous = previous(sql, job.documentId());
        int versionNo = previous.versionCount() + 1;
        long versionId = insertVersion(sql, job.documentId(), versionNo, version, now);
        insertChunks(sql, job.documentId(), versionId, version);
        ChunkChanges.versionSwitched(sql, job.documentId(), versionId, previous.currentVersionNo(),
            previous.currentChunks(), now);
        return new Lifecycle.Completion(versionId, versionNo, version.contentHash(), attempt.observedMarker(),
            version.sizeBytes(), version.metadata().mimeType(), version.metadata().title(),
            Duration.between(attempt.startedAt(), now).toMillis(), version.truncated(),
            HeadingPaths.toJsonObject(version.sourceMetadata()));
      }, List.of(attemptRow(job, attempt, "completed", null, now),
          closeDeadLetter(job.documentId(), "succeeded on retry", now)));
      if (done == null) {
        return new Completed(false, null);
      }
      pruneVersions(sql, job.documentId(), done.versionNo());
      if (claimNextLease == null) {
        return new Completed(true, null);
      }
      List<Job> next = Lifecycle.claim(sql, attempt.workerId(), 1, claimNextLease, now);
      return new Completed(true, next.isEmpty() ? null : next.get(0));
    });
  }

  /** The document's version count and the version whose chunks are current until this one replaces it. */
  private record Previous(int versionCount, Integer currentVersionNo, int currentChunks) {}

  private static Previous previous(Sql sql, long documentId) throws SQLException {
    // One read replaces the plain version_count read: the feed row needs the outgoing version too.
    return sql.queryOne("""
        SELECT d.version_count, v.version_no, coalesce(v.chunk_count, 0)
          FROM documents d LEFT JOIN document_versions v ON v.id = d.current_version_id AND d.status <> 'deleted'
         WHERE d.id = ?""",
        rs -> new Previous(rs.getInt(1), Sql.intOrNull(rs, "version_no"), rs.getInt(3)), documentId).orElseThrow();
  }

  /**
   * Embeddings already stored for this document's kept versions, by chunk content hash: a chunk whose
   * text did not change takes its vector over instead of being embedded again.
   */
  public Map<String, byte[]> embeddingsByHash(long documentId) {
    return db.withConnection(c -> {
      Map<String, byte[]> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT content_hash, embedding FROM chunks WHERE document_id = ? AND embedding IS NOT NULL")) {
        ps.setLong(1, documentId);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            out.putIfAbsent(rs.getString(1), rs.getBytes(2));
          }
        }
      }
      return out;
    });
  }

  /** The content hash matched the current version: nothing to parse. False if the lease was lost. */
  public boolean completeUnchanged(Job job, AttemptRecord attempt) {
    return db.inTransaction(Lifecycle.chainsInOneStatement(db.dialect()), c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      return Lifecycle.completeUnchanged(sql, job, attempt.workerId(), attempt.observedMarker(), now,
          List.of(attemptRow(job, attempt, "unchanged", null, now),
              closeDeadLetter(job.documentId(), "content unchanged since the last good version", now)));
    });
  }

  /** Puts the job back in the queue, due at {@code runAfter}. False if the lease was lost. */
  public boolean scheduleRetry(Job job, AttemptRecord attempt, Failure failure, Instant runAfter) {
    return db.inTransaction(Lifecycle.chainsInOneStatement(db.dialect()), c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      return Lifecycle.retry(sql, job, attempt, failure, runAfter, now,
          List.of(attemptRow(job, attempt, "retry_scheduled", failure, now)));
    });
  }

  /**
   * The source refused our credentials: pause it, and put this job back to wait for the source to be
   * resumed, without counting the attempt against the document. False if the lease was lost.
   */
  public boolean pauseSource(Job job, AttemptRecord attempt, Failure failure, long sourceId) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      if (!Lifecycle.pause(sql, job, attempt, failure, now)) {
        return false;
      }
      BoundSql row = attemptRow(job, attempt, "retry_scheduled", failure, now);
      sql.update(row.sql(), row.paramArray());
      SourcePauses.pause(sql, sourceId, failure.message(), now);
      return true;
    });
  }

  /** Parks the document in the dead-letter queue. False if the lease was lost. */
  public boolean deadLetter(Job job, AttemptRecord attempt, Failure failure, String priority) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      if (!Lifecycle.deadLetter(sql, job, attempt, failure, now,
          List.of(attemptRow(job, attempt, "dead_letter", failure, now)))) {
        return false;
      }
      DeadLetterWriter.upsert(sql, job, failure, priority, now);
      return true;
    });
  }

  private static long insertVersion(Sql sql, long documentId, int versionNo, NewVersion v, Instant now)
      throws SQLException {
    var m = v.metadata();
    return sql.insert("""
        INSERT INTO document_versions (document_id, version_no, content_hash, size_bytes, mime_type, title, author,
               page_count, language, doc_created_at, doc_modified_at, char_count, chunk_count, truncated, created_at,
               embeddings_computed, embeddings_reused)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        documentId, versionNo, v.contentHash(), v.sizeBytes(), m.mimeType(), m.title(), m.author(), m.pageCount(),
        m.language(), m.created(), m.modified(), v.charCount(), v.chunks().size(), v.truncated(), now,
        v.vectors().computed(), v.vectors().reused());
  }

  private static void insertChunks(Sql sql, long documentId, long versionId, NewVersion v) throws SQLException {
    sql.withStatement("""
        INSERT INTO chunks (document_id, version_id, ordinal, text, start_offset, end_offset, heading_path, page,
                            content_hash, embedding, kind)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
      int pending = 0;
      int index = 0;
      for (Chunk chunk : v.chunks()) {
        ps.setLong(1, documentId);
        ps.setLong(2, versionId);
        ps.setInt(3, chunk.ordinal());
        ps.setString(4, chunk.text());
        ps.setInt(5, chunk.startOffset());
        ps.setInt(6, chunk.endOffset());
        ps.setString(7, HeadingPaths.toJson(chunk.headingPath()));
        if (chunk.page() == null) {
          ps.setNull(8, java.sql.Types.INTEGER);
        } else {
          ps.setInt(8, chunk.page());
        }
        ps.setString(9, chunk.contentHash());
        ps.setString(11, chunk.kind() == null ? null : chunk.kind().label());
        byte[] vector = v.vectors().forOrdinal(index++);
        if (vector == null) {
          ps.setNull(10, java.sql.Types.BINARY);
        } else {
          ps.setBytes(10, vector);
        }
        ps.addBatch();
        if (++pending == 1_000) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
      return null;
    });
  }

  private void pruneVersions(Sql sql, long documentId, int newestVersionNo) throws SQLException {
    int cutoff = newestVersionNo - keepVersions;
    if (cutoff < 1) {
      return;
    }
    sql.update("DELETE FROM chunks WHERE version_id IN"
        + " (SELECT id FROM document_versions WHERE document_id = ? AND version_no <= ?)", documentId, cutoff);
    sql.update("DELETE FROM document_versions WHERE document_id = ? AND version_no <= ?", documentId, cutoff);
  }

  /** The attempt's row, as INSERT ... SELECT so that {@link Lifecycle} can chain it after the transition. */
  private static BoundSql attemptRow(Job job, AttemptRecord a, String outcome, Failure f, Instant now) {
    var t = a.timings();
    return BoundSql.of("""
        INSERT INTO attempts (job_id, document_id, attempt_no, worker_id, started_at, finished_at, duration_ms, outcome,
               stage, category, message, bytes, fetch_ms, parse_ms, chunk_ms, store_ms)
        SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?""",
        job.id(), job.documentId(), job.attempts(), a.workerId(), a.startedAt(), now,
        Duration.between(a.startedAt(), now).toMillis(), outcome,
        f == null ? null : f.stage().dbValue(), f == null ? null : f.category().dbValue(),
        f == null ? null : f.message(), a.bytes(), millis(t.fetch()), millis(t.parse()), millis(t.chunk()),
        a.storeStartedAt() != null ? Long.valueOf(Duration.between(a.storeStartedAt(), now).toMillis()) : millis(t.store()));
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }

  private static BoundSql closeDeadLetter(long documentId, String note, Instant now) {
    return BoundSql.of("""
        UPDATE dead_letters SET status = 'resolved', resolution_notes = ?, resolved_at = ?, updated_at = ?
         WHERE document_id = ? AND status IN ('pending', 'in_review', 'retrying')""", note, now, now, documentId);
  }
}
