package dev.ingestion.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.embed.Vectors;
import dev.ingestion.model.ChunkId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code chunk_changes} with what expanding it needs: the incoming version (null when it was
 * pruned or when the document was deleted) and the outgoing version's number and chunk count.
 */
record FeedRow(long seq, String kind, long documentId, Long versionId, Integer versionNo, int upserts,
    Integer removedVersionNo, int removedChunks, FeedChange.DocumentFields document) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

  /** Deletes first, then upserts. */
  int size() {
    return removedChunks + upserts;
  }

  static List<FeedRow> read(Sql sql, long fromSeq, long toSeq, int limit) throws SQLException {
    return sql.query("""
        SELECT f.seq, f.kind, f.document_id, v.id AS version_id, v.version_no, coalesce(v.chunk_count, 0) AS upserts,
               f.removed_version_no, f.removed_chunks, s.name, d.external_id, v.title, v.mime_type,
               v.language, v.author, d.source_metadata
          FROM chunk_changes f
          JOIN documents d ON d.id = f.document_id
          JOIN sources s ON s.id = d.source_id
          LEFT JOIN document_versions v ON v.id = f.version_id
         WHERE f.seq >= ? AND f.seq <= ?
         ORDER BY f.seq
         LIMIT ?""", FeedRow::map, fromSeq, toSeq, limit);
  }

  private static FeedRow map(ResultSet rs) throws SQLException {
    return new FeedRow(rs.getLong(1), rs.getString(2), rs.getLong(3), Sql.longOrNull(rs, "version_id"),
        Sql.intOrNull(rs, "version_no"), rs.getInt(6), Sql.intOrNull(rs, "removed_version_no"), rs.getInt(8),
        new FeedChange.DocumentFields(rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
            rs.getString(13), rs.getString(14), sourceMetadata(rs.getString(15))));
  }

  /** Up to {@code limit} chunks of the incoming version from ordinal {@code from}, as upserts. */
  static List<FeedChange.Upsert> upserts(Sql sql, FeedRow row, int from, int limit) throws SQLException {
    String reason = "restored".equals(row.kind()) ? "restored" : "new_version";
    return sql.query("""
        SELECT ordinal, text, content_hash, heading_path, page, start_offset, end_offset, embedding, kind
          FROM chunks WHERE version_id = ? AND ordinal >= ? ORDER BY ordinal LIMIT ?""",
        rs -> {
          int ordinal = rs.getInt(1);
          return new FeedChange.Upsert(new ChunkId(row.documentId(), row.versionNo(), ordinal).toString(),
              row.documentId(), row.versionNo(), ordinal, reason, rs.getString(2), rs.getString(3), row.document(),
              new FeedChange.ChunkPlace(headingPath(rs.getString(4)), Sql.intOrNull(rs, "page"), rs.getInt(6),
                  rs.getInt(7), rs.getString(9)), embedding(rs.getBytes(8)));
        }, row.versionId(), from, limit);
  }

  static List<String> headingPath(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  /** The source's metadata object; an unreadable one is left out rather than failing the feed. */
  static Map<String, Object> sourceMetadata(String json) {
    try {
      return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, OBJECT);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private static float[] embedding(byte[] stored) {
    return stored == null ? null : Vectors.decode(stored);
  }
}
