package dev.ingestion.store;

import java.sql.SQLException;
import java.util.List;

/**
 * The figures of the reconciliation report, straight from the tables. Each live document falls in the
 * one bucket its status AND its companion rows prove: {@code completed} needs a current version,
 * {@code dead_lettered} a dead-letter row, {@code in_flight} a queued or leased job. A document whose
 * status and rows disagree (pending with no job, dead-lettered with no dead-letter row ...) is
 * {@code unaccounted}: the difference the report exists to expose.
 */
public final class ReconciliationRepository {
  private static final String BUCKET = """
      CASE
        WHEN d.status = 'deleted' THEN 'deleted'
        WHEN d.status = 'completed' AND d.current_version_id IS NOT NULL THEN 'completed'
        WHEN d.status = 'dead_letter' AND EXISTS (SELECT 1 FROM dead_letters x WHERE x.document_id = d.id)
          THEN 'dead_lettered'
        WHEN d.status IN ('pending', 'processing', 'failed') AND EXISTS (SELECT 1 FROM jobs j
          WHERE j.document_id = d.id AND j.status IN ('queued', 'leased')) THEN 'in_flight'
        ELSE 'unaccounted'
      END""";

  private final Database db;

  public ReconciliationRepository(Database db) {
    this.db = db;
  }

  /** Documents of one source in one bucket; {@code truncated} counts those cut at the character limit. */
  public record BucketCount(String source, String bucket, long documents, long truncated) {}

  /** A count of one source by a label (a failure category, a skip reason). */
  public record LabelCount(String source, String label, long count) {}

  /** A document whose status and rows disagree. */
  public record Unaccounted(String source, long documentId, String externalId, String status, boolean hasActiveJob,
      boolean hasDeadLetter, boolean hasVersion) {}

  /** A truncated document: where it is and how many characters were kept. */
  public record Truncated(String source, long documentId, String externalId, long charCount) {}

  public List<String> sourceNames(String onlySource) {
    return db.withConnection(c -> db.sql(c).query("SELECT name FROM sources WHERE (CAST(? AS TEXT) IS NULL OR name = ?) ORDER BY name",
        rs -> rs.getString(1), onlySource, onlySource));
  }

  public List<BucketCount> buckets(String onlySource) {
    return db.withConnection(c -> db.sql(c).query("SELECT s.name, " + BUCKET + " AS bucket," + """
         count(*), sum(CASE WHEN d.truncated THEN 1 ELSE 0 END)
          FROM documents d JOIN sources s ON s.id = d.source_id
         WHERE (CAST(? AS TEXT) IS NULL OR s.name = ?)
         GROUP BY 1, 2""",
        rs -> new BucketCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), onlySource, onlySource));
  }

  /** Dead-lettered documents by failure category. */
  public List<LabelCount> deadLetteredByCategory(String onlySource) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT s.name, coalesce(d.last_error_category, 'unknown'), count(*)
          FROM documents d JOIN sources s ON s.id = d.source_id
         WHERE d.status = 'dead_letter' AND (CAST(? AS TEXT) IS NULL OR s.name = ?)
         GROUP BY 1, 2""", rs -> new LabelCount(rs.getString(1), rs.getString(2), rs.getLong(3)), onlySource, onlySource));
  }

  /** Skipped items by full reason, leaving out any that is a live document now. */
  public List<LabelCount> skippedByReason(String onlySource) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT s.name, k.reason, count(*)
          FROM skipped_items k JOIN sources s ON s.id = k.source_id
         WHERE (CAST(? AS TEXT) IS NULL OR s.name = ?)
           AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.source_id = k.source_id
                            AND d.external_id = k.external_id AND d.status <> 'deleted')
         GROUP BY 1, 2""", rs -> new LabelCount(rs.getString(1), rs.getString(2), rs.getLong(3)), onlySource, onlySource));
  }

  public List<Unaccounted> unaccounted(String onlySource, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return unaccounted(sql, onlySource, limit);
    });
  }

  private static List<Unaccounted> unaccounted(Sql sql, String onlySource, int limit) throws SQLException {
    return sql.query("SELECT s.name, d.id, d.external_id, d.status,"
        + " EXISTS (SELECT 1 FROM jobs j WHERE j.document_id = d.id AND j.status IN ('queued', 'leased')),"
        + " EXISTS (SELECT 1 FROM dead_letters x WHERE x.document_id = d.id), d.current_version_id IS NOT NULL"
        + " FROM documents d JOIN sources s ON s.id = d.source_id WHERE (CAST(? AS TEXT) IS NULL OR s.name = ?) AND "
        + BUCKET + " = 'unaccounted' ORDER BY d.id LIMIT ?",
        rs -> new Unaccounted(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5),
            rs.getBoolean(6), rs.getBoolean(7)), onlySource, onlySource, limit);
  }

  public List<Truncated> truncated(String onlySource, int limit) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT s.name, d.id, d.external_id, coalesce(v.char_count, 0)
          FROM documents d JOIN sources s ON s.id = d.source_id
          LEFT JOIN document_versions v ON v.id = d.current_version_id
         WHERE d.truncated AND d.status <> 'deleted' AND (CAST(? AS TEXT) IS NULL OR s.name = ?)
         ORDER BY d.id LIMIT ?""",
        rs -> new Truncated(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)), onlySource, onlySource,
        limit));
  }
}
