package dev.ingestion.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared statements kept per connection, by their text, for SQLite: its driver compiles a statement
 * on every prepare, and with it every trigger the statement fires (the statistics triggers of V2), which
 * cost about a fifth of a queue transition. PostgreSQL's driver keeps its own cache, so it needs none.
 *
 * <p>A pooled connection is used by one thread at a time, so a connection's statements need no lock. A
 * statement is taken out while it runs and given back after, so a statement whose text is already
 * running on the same connection (a nested query) gets a fresh one instead of its own. The statements
 * are prepared on the driver's connection under the pool's proxy, which would close them when the
 * connection goes back to the pool; closing the driver's connection closes them.
 */
final class StatementCache {
  /** Enough for every statement of the queue's transitions; the least recently used beyond it are closed. */
  private static final int PER_CONNECTION = 48;

  private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

  /** A statement for {@code sql} on {@code connection}: a cached one, or a new one. Give it back after. */
  PreparedStatement take(Connection connection, String sql) throws SQLException {
    Connection raw = connection.unwrap(Connection.class);
    PreparedStatement ps = statements(raw).remove(sql);
    return ps != null && !ps.isClosed() ? ps : raw.prepareStatement(sql);
  }

  /** Keeps {@code ps} for the next use of {@code sql} on {@code connection}. */
  void give(Connection connection, String sql, PreparedStatement ps) throws SQLException {
    PreparedStatement displaced = statements(connection.unwrap(Connection.class)).put(sql, ps);
    if (displaced != null && displaced != ps) {
      displaced.close();
    }
  }

  /** Closes every statement kept for {@code connection} (before a statement that must run alone). */
  void closeAll(Connection connection) throws SQLException {
    Map<String, PreparedStatement> statements = byConnection.remove(connection.unwrap(Connection.class));
    if (statements != null) {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
    }
  }

  private Map<String, PreparedStatement> statements(Connection raw) throws SQLException {
    Map<String, PreparedStatement> statements = byConnection.get(raw);
    if (statements == null) {
      forgetClosedConnections(); // the pool replaced one: a new connection is rare
      statements = new Lru();
      byConnection.put(raw, statements);
    }
    return statements;
  }

  private void forgetClosedConnections() throws SQLException {
    for (Connection c : byConnection.keySet()) {
      if (c.isClosed()) {
        byConnection.remove(c);
      }
    }
  }

  /** Least recently used first; the eldest beyond {@link #PER_CONNECTION} is closed. */
  private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
    private static final long serialVersionUID = 1L;

    Lru() {
      super(64, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() <= PER_CONNECTION) {
        return false;
      }
      try {
        eldest.getValue().close();
      } catch (SQLException e) {
        // closing a statement the driver no longer needs: nothing to recover
      }
      return true;
    }
  }
}
