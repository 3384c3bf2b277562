package dev.ingestion.store;

import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes the change feed's rows, each inside the transaction that changes a document's current chunks.
 * One row per change, whatever the number of chunks: readers expand it (see {@link ChangeFeedRepository}).
 */
final class ChunkChanges {
  private ChunkChanges() {}

  /** {@code versionId} became current; the chunks of {@code removedVersionNo} (if any) left. */
  static void versionSwitched(Sql sql, long documentId, long versionId, Integer removedVersionNo, int removedChunks,
      Instant now) throws SQLException {
    sql.update("""
        INSERT INTO chunk_changes (kind, document_id, version_id, removed_version_no, removed_chunks, created_at)
        VALUES ('version', ?, ?, ?, ?, ?)""", documentId, versionId, removedVersionNo, removedChunks, now);
  }

  /** Call before marking the document deleted: its current chunks leave (nothing if already deleted). */
  static void documentDeleted(Sql sql, long documentId, Instant now) throws SQLException {
    sql.update("""
        INSERT INTO chunk_changes (kind, document_id, version_id, removed_version_no, removed_chunks, created_at)
        SELECT 'deleted', d.id, NULL, v.version_no, v.chunk_count, ?
          FROM documents d JOIN document_versions v ON v.id = d.current_version_id
         WHERE d.id = ? AND d.status <> 'deleted'""", now, documentId);
  }

  /** Call before a deleted document leaves the deleted status: its current chunks come back. */
  static void documentRestored(Sql sql, long documentId, Instant now) throws SQLException {
    sql.update("""
        INSERT INTO chunk_changes (kind, document_id, version_id, removed_chunks, created_at)
        SELECT 'restored', d.id, d.current_version_id, 0, ?
          FROM documents d
         WHERE d.id = ? AND d.status = 'deleted' AND d.current_version_id IS NOT NULL""", now, documentId);
  }
}
