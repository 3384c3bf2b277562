package dev.ingestion.store;

import dev.ingestion.model.Failure;
import dev.ingestion.model.Job;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a dead-letter item. A document has at most one open item: a document that fails again after a
 * replay updates its item (attempts, last failure, the newest error) and puts it back to pending.
 */
final class DeadLetterWriter {
  private DeadLetterWriter() {}

  static void upsert(Sql sql, Job job, Failure f, String priority, Instant now) throws SQLException {
    Optional<Long> open = sql.queryOne(
        "SELECT id FROM dead_letters WHERE document_id = ? AND status IN ('pending', 'in_review', 'retrying')",
        rs -> rs.getLong(1), job.documentId());
    if (open.isPresent()) {
      sql.update("""
          UPDATE dead_letters SET job_id = ?, stage = ?, category = ?, retryable = ?, exception_class = ?, message = ?,
                 stack_trace = ?, attempts = attempts + ?, last_failure_at = ?, status = 'pending', updated_at = ?
           WHERE id = ?""",
          job.id(), f.stage().dbValue(), f.category().dbValue(), f.retryable(), f.exceptionClass(), f.message(),
          f.stackTrace(), job.attempts(), now, now, open.get());
      return;
    }
    sql.update("""
        INSERT INTO dead_letters (document_id, job_id, source_id, source_ref, stage, category, retryable,
               exception_class, message, stack_trace, attempts, first_failure_at, last_failure_at, priority,
               status, created_at, updated_at)
        SELECT d.id, ?, d.source_id, s.name || ':' || d.external_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?
          FROM documents d JOIN sources s ON s.id = d.source_id
         WHERE d.id = ?""",
        job.id(), f.stage().dbValue(), f.category().dbValue(), f.retryable(), f.exceptionClass(), f.message(),
        f.stackTrace(), job.attempts(), now, now, priority, now, now, job.documentId());
  }
}
