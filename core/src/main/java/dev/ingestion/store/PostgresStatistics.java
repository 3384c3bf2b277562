package dev.ingestion.store;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What PostgreSQL says about itself: the slowest statements by mean time (pg_stat_statements, when the
 * extension is loaded and created), connections by state, locks waiting and who blocks them, and table
 * and index sizes with their last ANALYZE and VACUUM.
 */
public final class PostgresStatistics {
  private static final String ENABLE = "add shared_preload_libraries = 'pg_stat_statements' to postgresql.conf,"
      + " restart PostgreSQL, then run CREATE EXTENSION pg_stat_statements; in this database (docs/operations.md)";

  private final Database db;

  public PostgresStatistics(Database db) {
    this.db = db;
  }

  /** One normalised statement: mean and total execution time in milliseconds. */
  public record Statement(String query, long calls, double meanExecMs, double totalExecMs, long rows) {}

  /** The top statements, or why they cannot be shown. */
  public record Statements(boolean available, String message, List<Statement> top) {}

  /** Connections to this database by state, all client connections to the server, and its limit. */
  public record Connections(Map<String, Long> byState, long serverTotal, long maxConnections) {}

  /** A session waiting for a lock, the sessions holding it up, for how long, and what it runs. */
  public record Blocked(int pid, List<Integer> blockedBy, String waitEvent, Duration waiting, String query) {}

  /** Locks not granted, and the sessions waiting. */
  public record Locks(long waiting, List<Blocked> blocked) {}

  /** A table: its size without and with indexes, rows, and when statistics and vacuum last ran. */
  public record Table(String name, long tableBytes, long indexBytes, long liveRows, long deadRows,
      Instant lastAnalyze, Instant lastVacuum) {}

  /** An index: size and how often it was used. */
  public record Index(String name, String table, long bytes, long scans) {}

  /**
   * Everything at once. {@code sizesNote} is set when a lock held elsewhere kept the exact sizes from
   * being read and the catalogue's (as of the last VACUUM or ANALYZE) are shown instead.
   */
  public record Snapshot(String version, long databaseBytes, Statements statements, Connections connections,
      Locks locks, List<Table> tables, List<Index> indexes, String sizesNote) {}

  public Snapshot read(int top) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      boolean[] estimated = new boolean[1];
      List<Table> tables = tables(sql, top, estimated);
      List<Index> indexes = indexes(sql, top, estimated);
      return new Snapshot(sql.queryOne("SHOW server_version", rs -> rs.getString(1)).orElse("?"),
          sql.queryLong("SELECT pg_database_size(current_database())"), statements(sql, top), connections(sql),
          locks(sql, top), tables, indexes, estimated[0] ? "a lock held by another session kept the exact sizes from"
              + " being read within 1 s: these are PostgreSQL's estimates from the last VACUUM or ANALYZE" : null);
    });
  }

  private static Statements statements(Sql sql, int top) throws SQLException {
    boolean loaded = sql.queryOne("SHOW shared_preload_libraries", rs -> rs.getString(1)).orElse("")
        .contains("pg_stat_statements");
    boolean created = sql.queryLong("SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'") > 0;
    if (!loaded || !created) {
      String state = !loaded && !created ? "pg_stat_statements is not available"
          : !loaded ? "pg_stat_statements is created but not loaded" : "pg_stat_statements is loaded but not created";
      return new Statements(false, state + ", so the slowest statements cannot be shown: " + ENABLE, List.of());
    }
    // mean_time was renamed mean_exec_time in PostgreSQL 13
    String mean = sql.queryLong("SELECT current_setting('server_version_num')::int") >= 130000 ? "mean_exec_time"
        : "mean_time";
    String total = mean.equals("mean_time") ? "total_time" : "total_exec_time";
    List<Statement> rows = sql.query("SELECT query, calls, " + mean + " AS mean_ms, " + total + " AS total_ms, rows"
        + " FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())"
        + " ORDER BY " + mean + " DESC LIMIT ?", rs -> new Statement(rs.getString("query"), rs.getLong("calls"),
            rs.getDouble("mean_ms"), rs.getDouble("total_ms"), rs.getLong("rows")), top);
    return new Statements(true, null, rows);
  }

  private static Connections connections(Sql sql) throws SQLException {
    Map<String, Long> byState = new LinkedHashMap<>();
    sql.query("""
        SELECT coalesce(state, 'unknown') AS state, count(*) AS n FROM pg_stat_activity
         WHERE datname = current_database() GROUP BY 1 ORDER BY 2 DESC, 1""",
        rs -> byState.put(rs.getString("state"), rs.getLong("n")));
    return new Connections(byState, sql.queryLong("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"),
        sql.queryLong("SELECT current_setting('max_connections')::int"));
  }

  private static Locks locks(Sql sql, int top) throws SQLException {
    List<Blocked> blocked = sql.query("""
        SELECT pid, pg_blocking_pids(pid) AS blocked_by, wait_event_type || ':' || wait_event AS wait_event,
               extract(epoch FROM now() - query_start) AS seconds, left(query, 500) AS query
          FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0 ORDER BY query_start LIMIT ?""",
        rs -> new Blocked(rs.getInt("pid"), pids(rs.getArray("blocked_by")), rs.getString("wait_event"),
            Duration.ofMillis(Math.round(rs.getDouble("seconds") * 1000)), rs.getString("query")), top);
    return new Locks(sql.queryLong("SELECT count(*) FROM pg_locks WHERE NOT granted"), blocked);
  }

  private static List<Integer> pids(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((Integer[]) array.getArray());
  }

  private static List<Table> tables(Sql sql, int top, boolean[] estimated) throws SQLException {
    RowMapper<Table> map = rs -> new Table(rs.getString("relname"), rs.getLong("table_bytes"),
        rs.getLong("index_bytes"), rs.getLong("n_live_tup"), rs.getLong("n_dead_tup"), sql.instant(rs, "last_analyze"),
        sql.instant(rs, "last_vacuum"));
    String columns = """
        SELECT relname, %s AS table_bytes, %s AS index_bytes, n_live_tup, n_dead_tup,
               greatest(last_analyze, last_autoanalyze) AS last_analyze, greatest(last_vacuum, last_autovacuum) AS last_vacuum
          FROM pg_stat_user_tables s""";
    return withoutWaiting(sql, columns.formatted("pg_table_size(relid)", "pg_indexes_size(relid)")
        + " ORDER BY pg_total_relation_size(relid) DESC, relname LIMIT ?",
        columns.formatted(pages("relid"), "(SELECT coalesce(sum(" + pages("indexrelid") + "), 0)"
            + " FROM pg_index WHERE indrelid = s.relid)") + " ORDER BY 2 + 3 DESC, relname LIMIT ?", map, top, estimated);
  }

  private static List<Index> indexes(Sql sql, int top, boolean[] estimated) throws SQLException {
    RowMapper<Index> map = rs -> new Index(rs.getString("indexrelname"), rs.getString("relname"), rs.getLong("bytes"),
        rs.getLong("idx_scan"));
    String columns = "SELECT indexrelname, relname, %s AS bytes, idx_scan FROM pg_stat_user_indexes";
    return withoutWaiting(sql, columns.formatted("pg_relation_size(indexrelid)") + " ORDER BY 3 DESC, indexrelname"
        + " LIMIT ?", columns.formatted(pages("indexrelid")) + " ORDER BY 3 DESC, indexrelname LIMIT ?", map, top,
        estimated);
  }

  /** A relation's size as of its last VACUUM or ANALYZE, read from the catalogue without a lock. */
  private static String pages(String oid) {
    return "(SELECT relpages::bigint * current_setting('block_size')::int FROM pg_class WHERE oid = " + oid + ")";
  }

  /**
   * Exact sizes take a share lock on each relation, so they wait behind a session holding an exclusive
   * one, which is when the report is needed most. They get one second; then the sizes the catalogue keeps
   * from the last VACUUM or ANALYZE are shown instead.
   */
  private static <T> List<T> withoutWaiting(Sql sql, String exact, String estimate, RowMapper<T> map, int top,
      boolean[] estimated) throws SQLException {
    sql.update("SET lock_timeout = '1s'");
    try {
      return sql.query(exact, map, top);
    } catch (SQLException e) {
      if (!"55P03".equals(e.getSQLState())) {
        throw e;
      }
      estimated[0] = true;
      return sql.query(estimate, map, top);
    } finally {
      sql.update("RESET lock_timeout");
    }
  }
}
