package dev.ingestion.store;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
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

  /** The {@code database:} section. */
  public static final ConfigDef DEF = new ConfigDef("database", "Where the catalogue, queue and chunks are kept.");
  static final ConfigKey<String> URL = DEF.string("url", DEFAULT_URL,
      "jdbc:sqlite:FILE (embedded) or jdbc:postgresql://host:port/db");
  static final ConfigKey<String> USER = DEF.string("user", null, "PostgreSQL user");
  static final ConfigKey<String> PASSWORD = DEF.string("password", null,
      "PostgreSQL password; write ${ENV_VAR} or ${file:/run/secrets/...}, never the password itself");
  static final ConfigKey<Duration> BUSY_TIMEOUT = DEF.duration("busy_timeout", Duration.ofSeconds(30),
      "SQLite: how long a writer waits for the lock");
  public static final ConfigDef POOL = DEF.section("pool", new ConfigDef("database.pool", "The connection pool."));
  static final ConfigKey<Integer> MIN_CONNECTIONS = POOL.integer("min_connections", 5, 0, 1000,
      "connections kept open when idle");
  static final ConfigKey<Integer> MAX_CONNECTIONS = POOL.integer("max_connections", 50, 1, 1000,
      "most connections open at once");
  static final ConfigKey<Duration> CONNECTION_TIMEOUT = POOL.duration("connection_timeout", Duration.ofSeconds(5),
      "wait for a connection; an unreachable database fails after this");
  static final ConfigKey<Duration> IDLE_TIMEOUT = POOL.duration("idle_timeout", Duration.ofSeconds(600),
      "an idle connection above min_connections is closed after this");

  /** The SQLite or PostgreSQL database at {@code url} with the declared defaults for everything else. */
  public static DatabaseConfig sqlite(String url) {
    return new DatabaseConfig(url, null, null, MIN_CONNECTIONS.defaultValue(), MAX_CONNECTIONS.defaultValue(),
        CONNECTION_TIMEOUT.defaultValue(), IDLE_TIMEOUT.defaultValue(), BUSY_TIMEOUT.defaultValue());
  }

  /** Reads the {@code database:} section; errors name the field. */
  public static DatabaseConfig from(ConfigMap db) {
    DEF.rejectUnknown(db);
    ConfigMap pool = db.section("pool");
    POOL.rejectUnknown(pool);
    String url = URL.read(db);
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(db.field("url") + ": must start with jdbc:sqlite: (a file) or"
          + " jdbc:postgresql://host:port/db, got '" + url + "'");
    }
    int min = MIN_CONNECTIONS.read(pool);
    int max = MAX_CONNECTIONS.read(pool);
    if (min > max) {
      throw new ConfigException(pool.field("min_connections") + ": " + min + " is more than max_connections " + max);
    }
    return new DatabaseConfig(url, USER.read(db), PASSWORD.read(db), min, max, CONNECTION_TIMEOUT.read(pool),
        IDLE_TIMEOUT.read(pool), BUSY_TIMEOUT.read(db));
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
