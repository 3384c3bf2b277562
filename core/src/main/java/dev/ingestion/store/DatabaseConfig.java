package dev.ingestion.store;

import java.time.Duration;

/**
 * Where the database is and how its connection pool is sized. The pool keys follow the runbook:
 * {@code min_connections}, {@code max_connections}, {@code connection_timeout}, {@code idle_timeout}.
 */
public record DatabaseConfig(
    String url,
    String user,
    String password,
    int minConnections,
    int maxConnections,
    Duration connectionTimeout,
    Duration idleTimeout,
    Duration busyTimeout) {

  public static final String DEFAULT_URL = "jdbc:sqlite:data/ingestion.db";

  public static DatabaseConfig sqlite(String url) {
    return new DatabaseConfig(
        url, null, null, 5, 50, Duration.ofSeconds(5), Duration.ofSeconds(600), Duration.ofSeconds(30));
  }

  public boolean isSqlite() {
    return url.startsWith("jdbc:sqlite:");
  }

  public boolean isPostgres() {
    return url.startsWith("jdbc:postgresql:");
  }

  /** The SQLite file path, for a {@code jdbc:sqlite:} url. */
  public String sqlitePath() {
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    return query >= 0 ? path.substring(0, query) : path;
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? "null" : "****")
        + ", pool=" + minConnections + ".." + maxConnections + "]";
  }
}
