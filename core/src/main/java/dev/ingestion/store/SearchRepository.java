package dev.ingestion.store;

import dev.ingestion.model.ChunkId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Search over current chunks of live documents: keyword ranking by the database's full-text index (FTS5
 * bm25 on SQLite, brought up to date by {@link SearchIndex} first; on PostgreSQL ts_rank over a GIN-indexed tsvector, divided by 1 + log(length) so long
 * chunks do not win on length alone), a scan of stored embeddings
 * for vector similarity, and the details of the chunks a search returns.
 */
public final class SearchRepository {
  private static final String CURRENT = """
        JOIN documents d ON d.current_version_id = c.version_id AND d.status <> 'deleted'
        JOIN document_versions v ON v.id = c.version_id
        JOIN sources s ON s.id = d.source_id""";
  private static final String FILTERS = """
        AND (CAST(? AS TEXT) IS NULL OR s.name = ?)
        AND (CAST(? AS TEXT) IS NULL OR v.mime_type = ? OR v.mime_type LIKE ?)""";

  private final Database db;
  private final SearchIndex index;

  public SearchRepository(Database db) {
    this.db = db;
    this.index = new SearchIndex(db);
  }

  /** Optional filters: a source name, a MIME type (parameters such as {@code ; charset=} ignored). */
  public record Filters(String source, String mimeType) {
    Object[] params() {
      return new Object[] {source, source, mimeType, mimeType, mimeType == null ? null : mimeType + ";%"};
    }
  }

  /** A chunk a search found, with what a result shows. */
  public record Hit(long chunkRowId, String id, long documentId, String source, String path, String title,
      String mimeType, List<String> headingPath, Integer page, String text) {}

  /** Chunk row ids best first, for the words in {@code terms} (any of them). */
  public List<Long> keyword(List<String> terms, Filters filters, int limit) {
    index.catchUp();
    BoundSql search = db.dialect().keywordSearch(terms, CURRENT, FILTERS, filters.params(), limit);
    return db.withConnection(c -> db.sql(c).query(search.sql(), rs -> rs.getLong(1), search.paramArray()));
  }

  /** Hands every current chunk's row id and stored embedding to {@code sink}. */
  public void embeddings(Filters filters, java.util.function.BiConsumer<Long, byte[]> sink) {
    db.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.embedding FROM chunks c " + CURRENT
          + " WHERE c.embedding IS NOT NULL " + FILTERS)) {
        db.sql(c).bind(ps, filters.params());
        ps.setFetchSize(1_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(rs.getLong(1), rs.getBytes(2));
          }
        }
      }
      return null;
    });
  }

  /**
   * The row ids of the chunks with these ids (document-version-ordinal), in the same order; unknown ids
   * left out. One query: the ids are a table of values joined by the unique keys of versions and chunks.
   */
  public List<Long> rowIds(List<ChunkId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String rows = String.join(", ", ids.stream().map(id -> "(?, ?, ?, ?)").toList());
    Object[] params = new Object[ids.size() * 4];
    for (int i = 0; i < ids.size(); i++) {
      params[i * 4] = i;
      params[i * 4 + 1] = ids.get(i).documentId();
      params[i * 4 + 2] = ids.get(i).versionNo();
      params[i * 4 + 3] = ids.get(i).ordinal();
    }
    return db.withConnection(c -> db.sql(c).query("WITH wanted (pos, document_id, version_no, ordinal) AS (VALUES "
        + rows + ") SELECT c.id FROM wanted w JOIN document_versions v ON v.document_id = w.document_id"
        + " AND v.version_no = w.version_no JOIN chunks c ON c.version_id = v.id AND c.ordinal = w.ordinal"
        + " ORDER BY w.pos", rs -> rs.getLong(1), params));
  }

  /** The chunks with these row ids, keyed by row id. */
  public Map<Long, Hit> hits(List<Long> rowIds) {
    if (rowIds.isEmpty()) {
      return Map.of();
    }
    String marks = String.join(", ", rowIds.stream().map(id -> "?").toList());
    return db.withConnection(c -> {
      Map<Long, Hit> out = new HashMap<>();
      for (Hit h : db.sql(c).query("""
          SELECT c.id, c.document_id, v.version_no, c.ordinal, s.name, d.external_id, v.title, v.mime_type,
                 c.heading_path, c.page, c.text
            FROM chunks c JOIN document_versions v ON v.id = c.version_id
            JOIN documents d ON d.id = c.document_id JOIN sources s ON s.id = d.source_id
           WHERE c.id IN (""" + marks + ")", SearchRepository::hit, rowIds.toArray())) {
        out.put(h.chunkRowId(), h);
      }
      return out;
    });
  }

  private static Hit hit(ResultSet rs) throws SQLException {
    return new Hit(rs.getLong(1), new ChunkId(rs.getLong(2), rs.getInt(3), rs.getInt(4)).toString(), rs.getLong(2),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), FeedRow.headingPath(rs.getString(9)),
        Sql.intOrNull(rs, "page"), rs.getString(11));
  }
}
