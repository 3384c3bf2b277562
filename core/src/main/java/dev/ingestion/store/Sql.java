package dev.ingestion.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Thin prepared-statement helper: binds plain values (Instant through the dialect) and maps rows. Where
 * the database has a {@link StatementCache}, updates and queries reuse their prepared statements.
 */
public final class Sql {
  private final Connection connection;
  private final Dialect dialect;
  private final StatementCache cache;

  Sql(Connection connection, Dialect dialect, StatementCache cache) {
    this.connection = connection;
    this.dialect = dialect;
    this.cache = cache;
  }

  Dialect dialect() {
    return dialect;
  }

  public Connection connection() {
    return connection;
  }

  public int update(String sql, Object... params) throws SQLException {
    StatementWork<Integer> execute = ps -> {
      bind(ps, params);
      return ps.executeUpdate();
    };
    if (cache != null && alone(sql)) {
      cache.closeAll(connection);
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        return execute.run(ps);
      }
    }
    return withStatement(sql, execute);
  }

  /**
   * Executes an INSERT and returns the generated id (the table's {@code id} column). Where statements are
   * kept (SQLite), the insert is kept too, as {@code INSERT ... RETURNING id}: preparing it again for each
   * row compiled the insert and its statistics trigger every time, about a tenth of a document's completion.
   */
  public long insert(String sql, Object... params) throws SQLException {
    if (cache != null) {
      return queryOne(sql + " RETURNING id", rs -> rs.getLong(1), params)
          .orElseThrow(() -> new SQLException("no generated key for: " + sql));
    }
    try (PreparedStatement ps = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      bind(ps, params);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("no generated key for: " + sql);
        }
        return keys.getLong(1);
      }
    }
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
    return withStatement(sql, ps -> rows(ps, mapper, params));
  }

  /**
   * Runs {@code work} on a prepared statement for {@code sql} (an insert run as a batch, ...): a kept one where
   * statements are kept, else one closed afterwards.
   */
  public <R> R withStatement(String sql, StatementWork<R> work) throws SQLException {
    if (cache != null) {
      return cached(sql, work);
    }
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      return work.run(ps);
    }
  }

  private <T> List<T> rows(PreparedStatement ps, RowMapper<T> mapper, Object... params) throws SQLException {
    bind(ps, params);
    try (ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    }
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
    List<T> rows = query(sql, mapper, params);
    // Aggregates such as min() over no rows give one row of NULL: empty, not a NullPointerException.
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  /**
   * VACUUM (and VACUUM INTO, the backup) refuses to run while any other statement of its connection is
   * open: the connection's kept statements are closed first and the VACUUM itself is not kept.
   */
  private static boolean alone(String sql) {
    return sql.stripLeading().regionMatches(true, 0, "VACUUM", 0, 6);
  }

  /** Runs {@code work} on the cached statement for {@code sql}; one that failed is closed, not kept. */
  private <R> R cached(String sql, StatementWork<R> work) throws SQLException {
    PreparedStatement ps = cache.take(connection, sql);
    R result;
    try {
      result = work.run(ps);
    } catch (SQLException | RuntimeException e) {
      try {
        ps.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    cache.give(connection, sql, ps);
    return result;
  }

  /** Work on one prepared statement. */
  public interface StatementWork<R> {
    R run(PreparedStatement ps) throws SQLException;
  }

  public long queryLong(String sql, Object... params) throws SQLException {
    return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  public Instant instant(ResultSet rs, String column) throws SQLException {
    return dialect.getInstant(rs, column);
  }

  public void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      bindOne(ps, i + 1, params[i]);
    }
  }

  private void bindOne(PreparedStatement ps, int index, Object value) throws SQLException {
    switch (value) {
      case null -> ps.setNull(index, Types.NULL);
      case Instant instant -> dialect.setInstant(ps, index, instant);
      case String s -> ps.setString(index, s);
      case Integer n -> ps.setInt(index, n);
      case Long n -> ps.setLong(index, n);
      case Double d -> ps.setDouble(index, d);
      case Boolean b -> ps.setBoolean(index, b);
      default -> ps.setObject(index, value);
    }
  }

  /** Reads a nullable integer column. */
  public static Integer intOrNull(ResultSet rs, String column) throws SQLException {
    int value = rs.getInt(column);
    return rs.wasNull() ? null : value;
  }

  /** Reads a nullable long column. */
  public static Long longOrNull(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
