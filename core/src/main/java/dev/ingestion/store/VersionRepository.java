package dev.ingestion.store;

import java.time.Instant;
import java.util.List;

/** Removal of old document versions. The current version of a document is never touched. */
public final class VersionRepository {
  private static final String CANDIDATES = """
      FROM document_versions v JOIN documents d ON d.id = v.document_id
      WHERE v.created_at < ? AND v.id <> coalesce(d.current_version_id, -1) AND v.version_no <= d.version_count - ?""";

  private final Database db;

  public VersionRepository(Database db) {
    this.db = db;
  }

  /** What a cleanup removed (or would remove). */
  public record Removed(long versions, long chunks, long documents) {}

  /**
   * Versions created before {@code cutoff} that are not current and not among the newest {@code keepLatest}
   * versions of their document.
   */
  public Removed candidates(Instant cutoff, int keepLatest) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("SELECT count(*), coalesce(sum(v.chunk_count), 0), count(DISTINCT v.document_id) " + CANDIDATES,
          rs -> new Removed(rs.getLong(1), rs.getLong(2), rs.getLong(3)), cutoff, keepLatest).orElseThrow();
    });
  }

  /** Deletes up to {@code batch} candidate versions and their chunks in one transaction. */
  public Removed deleteBatch(Instant cutoff, int keepLatest, int batch) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      List<long[]> rows = sql.query("SELECT v.id, v.document_id " + CANDIDATES + " ORDER BY v.id LIMIT ?",
          rs -> new long[] {rs.getLong(1), rs.getLong(2)}, cutoff, keepLatest, batch);
      long chunks = 0;
      for (long[] row : rows) {
        chunks += sql.update("DELETE FROM chunks WHERE version_id = ?", row[0]);
        sql.update("DELETE FROM document_versions WHERE id = ?", row[0]);
      }
      long documents = rows.stream().mapToLong(r -> r[1]).distinct().count();
      return new Removed(rows.size(), chunks, documents);
    });
  }
}
