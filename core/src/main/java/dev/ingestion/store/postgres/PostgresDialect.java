package dev.ingestion.store.postgres;

import dev.ingestion.model.DocumentStatus;
import dev.ingestion.model.JobStatus;
import dev.ingestion.store.BoundSql;
import dev.ingestion.store.Dialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: TIMESTAMPTZ columns; claims lock candidate rows with FOR UPDATE SKIP LOCKED in the same
 * statement that leases them, so many workers on many machines never take the same job.
 */
public final class PostgresDialect implements Dialect {
  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  @Override
  public Instant getInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime ts = rs.getObject(column, OffsetDateTime.class);
    return ts == null ? null : ts.toInstant();
  }

  @Override
  public BoundSql claimJobs(String owner, Instant leaseExpiry, Instant now, int limit) {
    return BoundSql.of("""
        WITH picked AS (
          SELECT id FROM jobs
           WHERE status = %s AND run_after <= ?
           ORDER BY run_after, id
           LIMIT ?
           FOR UPDATE SKIP LOCKED),
        claimed AS (
          UPDATE jobs j
             SET status = %s, lease_owner = ?, lease_expires_at = ?, updated_at = ?,
                 attempts = j.attempts + 1
            FROM picked
           WHERE j.id = picked.id
          RETURNING j.id, j.document_id, j.attempts, j.max_attempts, j.overrides, j.reason),
        marked AS (
          UPDATE documents d SET status = %s, updated_at = ?
            FROM claimed WHERE d.id = claimed.document_id)
        SELECT * FROM claimed
        """.formatted(JobStatus.QUEUED.sql(), JobStatus.LEASED.sql(), DocumentStatus.PROCESSING.sql()),
        now, limit, owner, leaseExpiry, now, now);
  }

  /** The claim statement marks the documents processing itself (a data-modifying WITH). */
  @Override
  public boolean claimMarksDocuments() {
    return true;
  }

  @Override
  public boolean chainsWrites() {
    return true;
  }

  /** Data-modifying WITH: the fence's RETURNING gates the other writes, all in one snapshot and statement. */
  @Override
  public BoundSql chain(BoundSql fence, List<BoundSql> then) {
    StringBuilder sql = new StringBuilder("WITH fence AS (").append(fence.sql()).append(" RETURNING 1)");
    List<Object> params = new ArrayList<>(fence.params());
    for (int i = 0; i < then.size(); i++) {
      String write = then.get(i).sql().strip();
      boolean insert = write.regionMatches(true, 0, "INSERT", 0, 6);
      sql.append(", w").append(i).append(" AS (").append(write)
          .append(insert ? " WHERE" : " AND").append(" EXISTS (SELECT 1 FROM fence))");
      params.addAll(then.get(i).params());
    }
    return new BoundSql(sql.append(" SELECT count(*) FROM fence").toString(), params);
  }

  @Override
  public String databaseSizeSql() {
    return "SELECT pg_database_size(current_database())";
  }

  @Override
  public java.util.SequencedMap<String, String> compactionStatements() {
    java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
    m.put("VACUUM ANALYZE", "VACUUM ANALYZE");
    return m;
  }

  @Override
  public String vacuumSql() {
    return "VACUUM (ANALYZE)";
  }

  @Override
  public boolean reindexesOnline() {
    return true;
  }

  /** Full-text search over the chunks' English tsvector (GIN-indexed), ranked by ts_rank. */
  @Override
  public BoundSql keywordSearch(java.util.List<String> terms, String join, String filters, Object[] filterParams,
      int limit) {
    String sql = "SELECT c.id FROM chunks c\n" + join
        + "\n WHERE to_tsvector('english', c.text) @@ to_tsquery('english', ?)" + filters
        + "\n ORDER BY ts_rank(to_tsvector('english', c.text), to_tsquery('english', ?), 1) DESC LIMIT ?";
    String query = String.join(" | ", terms);
    java.util.List<Object> params = new java.util.ArrayList<>();
    params.add(query);
    params.addAll(java.util.Arrays.asList(filterParams));
    params.add(query);
    params.add(limit);
    return new BoundSql(sql, params);
  }

  @Override
  public boolean supportsRemoteWorkers() {
    return true;
  }

  /** Waits for the writers holding the feed's shared lock (V5 migration): every seq they took is then final. */
  @Override
  public String feedHorizonLockSql() {
    return "SELECT pg_advisory_xact_lock(9021505001)";
  }
}
