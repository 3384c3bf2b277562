package dev.ingestion.store.sqlite;

import dev.ingestion.model.JobStatus;
import dev.ingestion.store.BoundSql;
import dev.ingestion.store.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * SQLite: timestamps as UTC text in SQLite's own format, so {@code datetime('now', '-7 days')} compares
 * correctly; claims as one UPDATE ... RETURNING (SQLite serialises writers, so no row locks are needed).
 */
public final class SqliteDialect implements Dialect {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  @Override
  public String name() {
    return "sqlite";
  }

  public static String format(Instant instant) {
    return FORMAT.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  public static Instant parse(String text) {
    String normalised = text.replace('T', ' ');
    if (normalised.endsWith("Z")) {
      normalised = normalised.substring(0, normalised.length() - 1);
    }
    if (normalised.length() == 19) {
      normalised = normalised + ".000";
    }
    return LocalDateTime.parse(normalised, FORMAT).toInstant(ZoneOffset.UTC);
  }

  @Override
  public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, format(value));
    }
  }

  @Override
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : parse(text);
  }

  @Override
  public BoundSql claimJobs(String owner, Instant leaseExpiry, Instant now, int limit) {
    return BoundSql.of("""
        UPDATE jobs
           SET status = %s, lease_owner = ?, lease_expires_at = ?, updated_at = ?,
               attempts = attempts + 1
         WHERE id IN (SELECT id FROM jobs
                       WHERE status = %s AND run_after <= ?
                       ORDER BY run_after, id
                       LIMIT ?)
        RETURNING id, document_id, attempts, max_attempts, overrides, reason
        """.formatted(JobStatus.LEASED.sql(), JobStatus.QUEUED.sql()), owner, leaseExpiry, now, now, limit);
  }

  @Override
  public String databaseSizeSql() {
    return "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
  }

  @Override
  public String integrityCheckSql() {
    return "PRAGMA integrity_check";
  }

  @Override
  public java.util.SequencedMap<String, String> compactionStatements() {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    m.put("ANALYZE", "ANALYZE");
    m.put("PRAGMA optimize", "PRAGMA optimize");
    m.put("VACUUM", "VACUUM");
    m.put("wal_checkpoint", "PRAGMA wal_checkpoint(TRUNCATE)");
    return m;
  }

  /** VACUUM rewrites the whole file and blocks writers: not scheduled, {@code ingestion db maintain} runs it. */
  @Override
  public String optimizeSql() {
    return "PRAGMA optimize";
  }

  @Override
  public String fileBackupSql() {
    return "VACUUM INTO ?";
  }

  /** FTS5 over chunks is contentless and appended before searches, out of the write path. */
  @Override
  public boolean keywordIndexAppended() {
    return true;
  }

  /** FTS5 MATCH of the terms as phrases joined by OR, ranked by bm25. */
  @Override
  public BoundSql keywordSearch(java.util.List<String> terms, String join, String filters, Object[] filterParams,
      int limit) {
    String sql = "SELECT c.id FROM chunks_fts JOIN chunks c ON c.id = chunks_fts.rowid\n" + join
        + "\n WHERE chunks_fts MATCH ?" + filters + "\n ORDER BY bm25(chunks_fts) LIMIT ?";
    java.util.List<Object> params = new java.util.ArrayList<>();
    params.add(String.join(" OR ", terms.stream().map(t -> "\"" + t + "\"").toList()));
    params.addAll(java.util.Arrays.asList(filterParams));
    params.add(limit);
    return new BoundSql(sql, params);
  }

  @Override
  public boolean supportsRemoteWorkers() {
    return false;
  }
}
