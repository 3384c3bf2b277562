package dev.ingestion.store.postgres;

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
           FOR UPDATE SKIP LOCKED)
        UPDATE jobs j
           SET status = %s, lease_owner = ?, lease_expires_at = ?, updated_at = ?,
               attempts = j.attempts + 1
          FROM picked
         WHERE j.id = picked.id
        RETURNING j.id, j.document_id, j.attempts, j.max_attempts, j.overrides, j.reason
        """.formatted(JobStatus.QUEUED.sql(), JobStatus.LEASED.sql()), now, limit, owner, leaseExpiry, now);
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
