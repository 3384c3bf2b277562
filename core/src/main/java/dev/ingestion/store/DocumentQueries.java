package dev.ingestion.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Reads over documents for operators: one document in full, the slowest, the failed, the stuck. */
public final class DocumentQueries {
  static final String SUMMARY = """
      SELECT d.id, s.name AS source_name, d.external_id, d.status, d.processing_ms, d.size_bytes, d.mime_type,
             d.title, d.attempts, d.last_error_category, d.last_error, d.updated_at, d.completed_at
        FROM documents d JOIN sources s ON s.id = d.source_id""";

  private final Database db;

  public DocumentQueries(Database db) {
    this.db = db;
  }

  /** A document in lists. */
  public record DocumentSummary(long id, String source, String externalId, String status, Long processingMs,
      Long sizeBytes, String mimeType, String title, int attempts, String lastErrorCategory, String lastError,
      Instant updatedAt, Instant completedAt, String lastAttempt) {}

  /** A document in full. */
  public record DocumentDetail(long id, String source, String sourceType, String externalId, String status,
      String changeMarker, String processedMarker, Long sizeBytes, Instant sourceModifiedAt, String contentHash,
      Long currentVersionId, int versionCount, String mimeType, String title, int attempts, String lastErrorCategory,
      String lastError, Long processingMs, boolean truncated, Instant createdAt, Instant updatedAt,
      Instant completedAt, Instant deletedAt) {}

  /** One stored version. */
  public record VersionRow(long id, int versionNo, String contentHash, long sizeBytes, String mimeType, String title,
      String author, Integer pageCount, String language, long charCount, int chunkCount, boolean truncated,
      Instant createdAt) {}

  /** One chunk; {@code kind}: heading, paragraph, list, table or code; null for chunks stored before kinds were kept. */
  public record ChunkRow(long id, int ordinal, String text, int startOffset, int endOffset, String headingPath,
      Integer page, String contentHash, String kind) {}

  /** The queue entry of a document. */
  public record JobRow(long id, String status, String reason, int attempts, int maxAttempts, Instant runAfter,
      String leaseOwner, Instant leaseExpiresAt, String overrides, Instant createdAt, Instant finishedAt) {}

  static DocumentSummary summary(Sql sql, java.sql.ResultSet rs) throws java.sql.SQLException {
    return new DocumentSummary(rs.getLong("id"), rs.getString("source_name"), rs.getString("external_id"),
        rs.getString("status"), Sql.longOrNull(rs, "processing_ms"), Sql.longOrNull(rs, "size_bytes"),
        rs.getString("mime_type"), rs.getString("title"), rs.getInt("attempts"), rs.getString("last_error_category"),
        rs.getString("last_error"), sql.instant(rs, "updated_at"), sql.instant(rs, "completed_at"),
        lastAttempt(rs.getString("status"), rs.getString("last_error_category")));
  }

  /**
   * How the attempt behind {@code processing_ms} ended: completed, failed, or timed_out (past the parse
   * time limit); null for a document not processed yet.
   */
  private static String lastAttempt(String status, String category) {
    return switch (status) {
      case "completed" -> "completed";
      case "failed", "dead_letter" -> "parse_timeout".equals(category) ? "timed_out" : "failed";
      default -> null;
    };
  }

  /**
   * Documents whose last processing took at least {@code thresholdMs}, slowest first, whether it
   * completed, failed or timed out ({@link DocumentSummary#lastAttempt}).
   */
  public List<DocumentSummary> slowest(long thresholdMs, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query(SUMMARY + " WHERE d.processing_ms >= ? ORDER BY d.processing_ms DESC LIMIT ?",
          rs -> summary(sql, rs), thresholdMs, limit);
    });
  }

  /** Documents processing since before {@code cutoff}: possibly stuck. */
  public List<DocumentSummary> processingSince(Instant cutoff, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query(SUMMARY + " WHERE d.status = 'processing' AND d.updated_at < ? ORDER BY d.updated_at LIMIT ?",
          rs -> summary(sql, rs), cutoff, limit);
    });
  }

  /** Failed (retry pending) and dead-lettered documents, most recent failure first. */
  public List<DocumentSummary> recentlyFailed(int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<DocumentSummary> out = new ArrayList<>();
      for (String status : List.of("failed", "dead_letter")) {
        out.addAll(sql.query(SUMMARY + " WHERE d.status = ? ORDER BY d.updated_at DESC, d.id DESC LIMIT ?",
            rs -> summary(sql, rs), status, limit));
      }
      out.sort(Comparator.comparing(DocumentSummary::updatedAt).reversed().thenComparing(DocumentSummary::id));
      return out.size() > limit ? out.subList(0, limit) : out;
    });
  }

  public Optional<DocumentDetail> find(long id) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("""
          SELECT d.*, s.name AS source_name, s.type AS source_type FROM documents d JOIN sources s ON s.id = d.source_id
           WHERE d.id = ?""",
          rs -> new DocumentDetail(rs.getLong("id"), rs.getString("source_name"), rs.getString("source_type"),
              rs.getString("external_id"), rs.getString("status"), rs.getString("change_marker"),
              rs.getString("processed_marker"), Sql.longOrNull(rs, "size_bytes"), sql.instant(rs, "source_modified_at"),
              rs.getString("content_hash"), Sql.longOrNull(rs, "current_version_id"), rs.getInt("version_count"),
              rs.getString("mime_type"), rs.getString("title"), rs.getInt("attempts"),
              rs.getString("last_error_category"), rs.getString("last_error"), Sql.longOrNull(rs, "processing_ms"),
              rs.getBoolean("truncated"), sql.instant(rs, "created_at"), sql.instant(rs, "updated_at"),
              sql.instant(rs, "completed_at"), sql.instant(rs, "deleted_at")),
          id);
    });
  }

  /**
   * What the source said about the document (author, modified by, web URL, selected columns...) as the
   * JSON object stored with it; empty when the source said nothing.
   */
  public Optional<String> sourceMetadata(long documentId) {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT source_metadata FROM documents WHERE id = ? AND source_metadata IS NOT NULL",
        rs -> rs.getString(1), documentId));
  }

  public List<VersionRow> versions(long documentId, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, version_no, content_hash, size_bytes, mime_type, title, author, page_count, language, char_count,
                 chunk_count, truncated, created_at
            FROM document_versions WHERE document_id = ? ORDER BY version_no DESC LIMIT ?""",
          rs -> new VersionRow(rs.getLong("id"), rs.getInt("version_no"), rs.getString("content_hash"),
              rs.getLong("size_bytes"), rs.getString("mime_type"), rs.getString("title"), rs.getString("author"),
              Sql.intOrNull(rs, "page_count"), rs.getString("language"), rs.getLong("char_count"),
              rs.getInt("chunk_count"), rs.getBoolean("truncated"), sql.instant(rs, "created_at")),
          documentId, limit);
    });
  }

  /** Whether {@code versionId} is a version of {@code documentId}. */
  public boolean hasVersion(long documentId, long versionId) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM document_versions WHERE id = ? AND document_id = ?", versionId, documentId)) > 0;
  }

  public List<ChunkRow> chunks(long versionId, int offset, int limit) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT id, ordinal, text, start_offset, end_offset, heading_path, page, content_hash, kind FROM chunks
         WHERE version_id = ? AND ordinal >= ? ORDER BY ordinal LIMIT ?""",
        rs -> new ChunkRow(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getString(6),
            Sql.intOrNull(rs, "page"), rs.getString(8), rs.getString(9)),
        versionId, offset, limit));
  }

  public List<JobRow> jobs(long documentId, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, status, reason, attempts, max_attempts, run_after, lease_owner, lease_expires_at, overrides,
                 created_at, finished_at
            FROM jobs WHERE document_id = ? ORDER BY id DESC LIMIT ?""",
          rs -> new JobRow(rs.getLong("id"), rs.getString("status"), rs.getString("reason"), rs.getInt("attempts"),
              rs.getInt("max_attempts"), sql.instant(rs, "run_after"), rs.getString("lease_owner"),
              sql.instant(rs, "lease_expires_at"), rs.getString("overrides"), sql.instant(rs, "created_at"),
              sql.instant(rs, "finished_at")),
          documentId, limit);
    });
  }

  /** Whether a queued job is due now: there is work a worker should be doing. */
  public boolean workDue(Instant now) {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT 1 FROM jobs WHERE status = 'queued' AND run_after <= ? LIMIT 1", rs -> 1, now)).isPresent();
  }
}
