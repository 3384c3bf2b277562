package dev.ingestion.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One dead-letter item as operators see it. {@code stackTrace} is filled only when asked for. */
public record DeadLetterItem(
    long id, long documentId, String source, String sourceRef, String stage, String category, boolean retryable,
    String exceptionClass, String message, String stackTrace, int attempts, Instant firstFailureAt,
    Instant lastFailureAt, String priority, String status, String assignee, String notes, String resolutionNotes,
    Instant createdAt, Instant updatedAt, Instant resolvedAt) {

  static final String COLUMNS = """
      q.id, q.document_id, s.name AS source_name, q.source_ref, q.stage, q.category, q.retryable,
      q.exception_class, q.message, q.attempts, q.first_failure_at, q.last_failure_at, q.priority, q.status,
      q.assignee, q.notes, q.resolution_notes, q.created_at, q.updated_at, q.resolved_at""";
  static final String FROM = " FROM dead_letters q JOIN sources s ON s.id = q.source_id ";

  static DeadLetterItem map(Sql sql, ResultSet rs, String stackTrace) throws SQLException {
    return new DeadLetterItem(rs.getLong("id"), rs.getLong("document_id"), rs.getString("source_name"),
        rs.getString("source_ref"), rs.getString("stage"), rs.getString("category"), rs.getBoolean("retryable"),
        rs.getString("exception_class"), rs.getString("message"), stackTrace, rs.getInt("attempts"),
        sql.instant(rs, "first_failure_at"), sql.instant(rs, "last_failure_at"), rs.getString("priority"),
        rs.getString("status"), rs.getString("assignee"), rs.getString("notes"), rs.getString("resolution_notes"),
        sql.instant(rs, "created_at"), sql.instant(rs, "updated_at"), sql.instant(rs, "resolved_at"));
  }
}
