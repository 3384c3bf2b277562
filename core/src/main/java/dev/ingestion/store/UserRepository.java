package dev.ingestion.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API users: name, role, enabled. Their keys are in {@link ApiKeyRepository}. */
public final class UserRepository {
  private static final String COLUMNS = """
      SELECT u.id, u.username, u.role, u.enabled, u.created_at, u.updated_at,
             (SELECT count(*) FROM api_keys k WHERE k.user_id = u.id AND k.revoked_at IS NULL
                AND (k.expires_at IS NULL OR k.expires_at > ?)) AS active_keys
        FROM users u""";

  private final Database db;

  public UserRepository(Database db) {
    this.db = db;
  }

  /** A user as stored, with how many of its keys are usable now. */
  public record UserRow(long id, String username, String role, boolean enabled, Instant createdAt, Instant updatedAt,
      long activeKeys) {}

  private static UserRow map(Sql sql, ResultSet rs) throws SQLException {
    return new UserRow(rs.getLong("id"), rs.getString("username"), rs.getString("role"), rs.getBoolean("enabled"),
        sql.instant(rs, "created_at"), sql.instant(rs, "updated_at"), rs.getLong("active_keys"));
  }

  /** Inserts a user; empty when the name is taken, in any mix of upper and lower case. */
  public Optional<Long> create(String username, String role, Instant now) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      if (taken(sql, username).isPresent()) {
        return Optional.<Long>empty();
      }
      return Optional.of(sql.insert("INSERT INTO users (username, role, enabled, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?)", username, role, true, now, now));
    });
  }

  /** The stored name that equals {@code username} ignoring case, if any. */
  public Optional<String> nameTaken(String username) {
    return db.withConnection(c -> taken(db.sql(c), username));
  }

  private static Optional<String> taken(Sql sql, String username) throws SQLException {
    return sql.queryOne("SELECT username FROM users WHERE lower(username) = lower(?)", rs -> rs.getString(1), username);
  }

  public Optional<UserRow> find(String username, Instant now) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne(COLUMNS + " WHERE u.username = ?", rs -> map(sql, rs), now, username);
    });
  }

  public List<UserRow> list(Instant now) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query(COLUMNS + " ORDER BY u.username", rs -> map(sql, rs), now);
    });
  }

  /** Sets the enabled flag; false when there is no such user. */
  public boolean setEnabled(String username, boolean enabled, Instant now) {
    return db.withConnection(c -> db.sql(c).update("UPDATE users SET enabled = ?, updated_at = ? WHERE username = ?",
        enabled, now, username)) == 1;
  }

  public long count() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM users"));
  }

  public long countDisabled() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM users WHERE enabled = ?", false));
  }
}
