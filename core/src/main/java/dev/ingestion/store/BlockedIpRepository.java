package dev.ingestion.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Client addresses and CIDR ranges refused before authentication. */
public final class BlockedIpRepository {
  private static final String COLUMNS = "SELECT address, reason, blocked_by, created_at, expires_at FROM blocked_ips";

  private final Database db;

  public BlockedIpRepository(Database db) {
    this.db = db;
  }

  /** A block as stored; {@code address} is a normalised CIDR range. */
  public record BlockRow(String address, String reason, String blockedBy, Instant createdAt, Instant expiresAt) {}

  /** Adds or replaces the block of {@code address}; returns the previous one. */
  public Optional<BlockRow> upsert(BlockRow row) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Optional<BlockRow> before = sql.queryOne(COLUMNS + " WHERE address = ?", rs -> map(sql, rs), row.address());
      sql.update("DELETE FROM blocked_ips WHERE address = ?", row.address());
      sql.update("INSERT INTO blocked_ips (address, reason, blocked_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          row.address(), row.reason(), row.blockedBy(), row.createdAt(), row.expiresAt());
      return before;
    });
  }

  /** Removes the block of {@code address}; returns it, or empty when there was none. */
  public Optional<BlockRow> delete(String address) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Optional<BlockRow> before = sql.queryOne(COLUMNS + " WHERE address = ?", rs -> map(sql, rs), address);
      sql.update("DELETE FROM blocked_ips WHERE address = ?", address);
      return before;
    });
  }

  /** Blocks in force at {@code now} (expired ones are left out). */
  public List<BlockRow> active(Instant now) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query(COLUMNS + " WHERE expires_at IS NULL OR expires_at > ? ORDER BY address", rs -> map(sql, rs), now);
    });
  }

  private static BlockRow map(Sql sql, java.sql.ResultSet rs) throws java.sql.SQLException {
    return new BlockRow(rs.getString("address"), rs.getString("reason"), rs.getString("blocked_by"),
        sql.instant(rs, "created_at"), sql.instant(rs, "expires_at"));
  }
}
