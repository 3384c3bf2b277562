package dev.ingestion.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** API keys, stored as SHA-256 hashes; looked up on every request by that hash (a unique index). */
public final class ApiKeyRepository {
  private static final String COLUMNS = """
      SELECT k.id, u.username, k.prefix, k.name, k.created_at, k.expires_at, k.revoked_at
        FROM api_keys k JOIN users u ON u.id = k.user_id""";

  private final Database db;

  public ApiKeyRepository(Database db) {
    this.db = db;
  }

  /** A key as listed: never its hash. */
  public record KeyRow(long id, String username, String prefix, String name, Instant createdAt, Instant expiresAt,
      Instant revokedAt) {}

  /** What authenticating a key needs: the key's state and its user's, in one row. */
  public record KeyOwner(long keyId, String prefix, Instant expiresAt, Instant revokedAt, long userId, String username,
      String role, boolean enabled) {}

  /** A new key's stored values. */
  public record NewKey(long userId, String hash, String prefix, String name, Instant expiresAt) {}

  private static KeyRow map(Sql sql, ResultSet rs) throws SQLException {
    return new KeyRow(rs.getLong("id"), rs.getString("username"), rs.getString("prefix"), rs.getString("name"),
        sql.instant(rs, "created_at"), sql.instant(rs, "expires_at"), sql.instant(rs, "revoked_at"));
  }

  public long add(NewKey key, Instant now) {
    return db.withConnection(c -> db.sql(c).insert("""
        INSERT INTO api_keys (user_id, key_hash, prefix, name, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)""",
        key.userId(), key.hash(), key.prefix(), key.name(), now, key.expiresAt()));
  }

  /** The key with this hash and its user, read straight from the database (no cache). */
  public Optional<KeyOwner> findByHash(String hash) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("""
          SELECT k.id, k.prefix, k.expires_at, k.revoked_at, u.id AS user_id, u.username, u.role, u.enabled
            FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ?""",
          rs -> new KeyOwner(rs.getLong("id"), rs.getString("prefix"), sql.instant(rs, "expires_at"),
              sql.instant(rs, "revoked_at"), rs.getLong("user_id"), rs.getString("username"), rs.getString("role"),
              rs.getBoolean("enabled")), hash);
    });
  }

  public Optional<KeyRow> find(long id) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne(COLUMNS + " WHERE k.id = ?", rs -> map(sql, rs), id);
    });
  }

  /** Keys of {@code username} (every user's when null), oldest first. */
  public List<KeyRow> list(String username) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<Object> params = new ArrayList<>();
      String where = "";
      if (username != null) {
        where = " WHERE u.username = ?";
        params.add(username);
      }
      return sql.query(COLUMNS + where + " ORDER BY k.id", rs -> map(sql, rs), params.toArray());
    });
  }

  /** Revokes a key; false when it is missing or already revoked. */
  public boolean revoke(long id, Instant now) {
    return db.withConnection(c -> db.sql(c).update(
        "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, id)) == 1;
  }

  /**
   * Usable admin keys (neither revoked nor expired, of enabled admins) other than those of user
   * {@code exceptUserId} and other than key {@code exceptKeyId} (0: none excepted).
   */
  public long countUsableAdminKeys(Instant now, long exceptUserId, long exceptKeyId) {
    return db.withConnection(c -> db.sql(c).queryLong("""
        SELECT count(*) FROM api_keys k JOIN users u ON u.id = k.user_id
         WHERE u.role = 'admin' AND u.enabled = ? AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?)
           AND u.id <> ? AND k.id <> ?""", true, now, exceptUserId, exceptKeyId));
  }

  /** Keys that are neither revoked nor expired, of enabled users. */
  public long countActive(Instant now) {
    return db.withConnection(c -> db.sql(c).queryLong("""
        SELECT count(*) FROM api_keys k JOIN users u ON u.id = k.user_id
         WHERE k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > ?) AND u.enabled = ?""", now, true));
  }
}
