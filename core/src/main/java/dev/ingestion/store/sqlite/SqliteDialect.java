package dev.ingestion.store.sqlite;

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
  public String claimJobsSql() {
    return """
        UPDATE jobs
           SET status = 'leased', lease_owner = ?, lease_expires_at = ?, updated_at = ?,
               attempts = attempts + 1
         WHERE id IN (SELECT id FROM jobs
                       WHERE status = 'queued' AND run_after <= ?
                       ORDER BY run_after, id
                       LIMIT ?)
        RETURNING id, document_id, attempts, max_attempts, overrides, reason
        """;
  }

  @Override
  public void bindClaim(PreparedStatement ps, String owner, Instant leaseExpiry, Instant now, int limit)
      throws SQLException {
    ps.setString(1, owner);
    setInstant(ps, 2, leaseExpiry);
    setInstant(ps, 3, now);
    setInstant(ps, 4, now);
    ps.setInt(5, limit);
  }

  @Override
  public boolean supportsRemoteWorkers() {
    return false;
  }
}
