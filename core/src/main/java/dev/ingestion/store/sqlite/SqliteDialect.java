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
  public boolean supportsRemoteWorkers() {
    return false;
  }
}
