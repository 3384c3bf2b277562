package dev.ingestion.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ingestion.model.StoreException;
import dev.ingestion.store.postgres.PostgresDialect;
import dev.ingestion.store.sqlite.SqliteDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The one database of an installation: a pooled data source, its dialect and the clock every timestamp
 * comes from. Opening it migrates the schema to the current version.
 */
public final class Database implements AutoCloseable {
  /**
   * The highest migration version in {@code db/migration/{sqlite,postgresql}}: a database already at it opens
   * without Flyway (whose start costs about half a second, most of what {@code ingestion status} would take).
   * {@code SchemaVersionTest} fails when a migration is added without raising it.
   */
  static final int SCHEMA_VERSION = 15;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Clock clock;
  private final DatabaseConfig config;
  /**
   * SQLite admits one writer at a time; when two threads of this process collide, SQLite's busy handler
   * makes the loser sleep in millisecond steps. Queuing this process's write transactions on a lock
   * instead hands the database over at once (other processes still meet the busy timeout).
   */
  private final ReentrantLock sqliteWriteLock;
  /** SQLite's prepared statements, kept per connection ({@link StatementCache}); null on PostgreSQL. */
  private final StatementCache statements;
  /** Copies SQLite's write-ahead log into the file off the writers' path; null on PostgreSQL. */
  private final SqliteCheckpointer checkpointer;
  /**
   * SQLite: the connection every write transaction of this process runs on (under {@link #sqliteWriteLock}),
   * borrowed from the pool when first needed and kept. A SQLite connection empties its page cache whenever
   * another connection has written since its last transaction; with each worker thread on a pooled
   * connection of its own, every transaction started cold and read the tree's upper pages again (the main
   * JVM read 930 MB for a 124 MB database in one run). Given back, and borrowed anew, after a database error.
   */
  private Connection sqliteWriter;

  private Database(HikariDataSource dataSource, Dialect dialect, Clock clock, DatabaseConfig config) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.clock = clock;
    this.config = config;
    this.sqliteWriteLock = dialect instanceof SqliteDialect ? new ReentrantLock() : null;
    this.statements = dialect instanceof SqliteDialect ? new StatementCache() : null;
    this.checkpointer = dialect instanceof SqliteDialect ? new SqliteCheckpointer(dataSource) : null;
  }

  public static Database open(DatabaseConfig config, Clock clock) {
    Dialect dialect;
    HikariConfig hikari = new HikariConfig();
    if (config.isSqlite()) {
      dialect = new SqliteDialect();
      hikari.setDataSource(sqliteDataSource(config));
      hikari.setMaximumPoolSize(Math.min(config.maxConnections(), 16));
      hikari.setMinimumIdle(1);
    } else if (config.isPostgres()) {
      dialect = new PostgresDialect();
      hikari.setJdbcUrl(config.url());
      hikari.setUsername(config.user());
      hikari.setPassword(config.password());
      hikari.setMaximumPoolSize(config.maxConnections());
      hikari.setMinimumIdle(Math.min(config.minConnections(), config.maxConnections()));
    } else {
      throw new StoreException(
          "database.url must start with jdbc:sqlite: or jdbc:postgresql:, got " + config.url(), null);
    }
    hikari.setPoolName("ingestion-db");
    hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
    hikari.setIdleTimeout(config.idleTimeout().toMillis());
    hikari.setInitializationFailTimeout(-1);
    HikariDataSource ds = new HikariDataSource(hikari);
    Database db = new Database(ds, dialect, clock, config);
    try {
      db.migrate();
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    if (db.checkpointer != null) {
      db.checkpointer.start();
    }
    return db;
  }

  private static DataSource sqliteDataSource(DatabaseConfig config) {
    Path file = Path.of(config.sqlitePath());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the database folder for " + file + ": " + e.getMessage(), e);
    }
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL in WAL mode: a commit is in the log (the OS's page cache) before it returns, so a crash or
    // kill -9 of the process loses nothing acknowledged; only a power loss or an OS crash can lose the
    // last commits. The log is copied into the file by SqliteCheckpointer, off the writers' path.
    sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setWalAutocheckpoint(SqliteCheckpointer.WRITER_PAGES);
    // A statement that changes several rows inside a transaction (a chunk batch, an update firing the
    // statistics triggers) keeps the pages it changes in a statement journal, so that it alone can be
    // undone; in memory rather than a temporary file of its own for every such statement.
    sqlite.setTempStore(SQLiteConfig.TempStore.MEMORY);
    sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
    sqlite.enforceForeignKeys(true);
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource ds = new SQLiteDataSource(sqlite);
    ds.setUrl("jdbc:sqlite:" + config.sqlitePath());
    return ds;
  }

  private void migrate() {
    if (schemaIsCurrent()) {
      return;
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrationLocation())
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open or migrate the database at " + config.url() + ": " + rootMessage(e), e);
    }
  }

  /** True when every applied migration succeeded and the newest is {@link #SCHEMA_VERSION}; any doubt says false. */
  private boolean schemaIsCurrent() {
    try (Connection c = dataSource.getConnection();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
      int newest = 0;
      while (rs.next()) {
        if (!rs.getBoolean(2)) {
          return false;
        }
        newest = Math.max(newest, Integer.parseInt(rs.getString(1)));
      }
      return newest == SCHEMA_VERSION;
    } catch (SQLException | RuntimeException e) {
      return false; // a new database, or one Flyway must look at: it decides
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  public Dialect dialect() {
    return dialect;
  }

  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public DatabaseConfig config() {
    return config;
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(SqlFunction<T> work) {
    if (sqliteWriteLock == null) {
      return transaction(work);
    }
    sqliteWriteLock.lock();
    try {
      return transaction(work);
    } finally {
      sqliteWriteLock.unlock();
    }
  }

  /**
   * Runs {@code work} as one transaction, like {@link #inTransaction(SqlFunction)}; when {@code oneStatement}
   * says the work writes with a single statement, which the database runs atomically by itself, that
   * statement runs in auto-commit instead where it can (PostgreSQL), sparing the round trip of a separate
   * commit. A single SQLite writer always takes the write lock and a transaction.
   */
  public <T> T inTransaction(boolean oneStatement, SqlFunction<T> work) {
    return oneStatement && sqliteWriteLock == null ? withConnection(work) : inTransaction(work);
  }

  private <T> T transaction(SqlFunction<T> work) {
    if (sqliteWriteLock != null && sqliteWriteLock.getHoldCount() == 1) {
      return writerTransaction(work);
    }
    try (Connection c = dataSource.getConnection()) {
      return transaction(c, work);
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  /** SQLite, holding the write lock once (not nested): the transaction on the kept writer connection. */
  private <T> T writerTransaction(SqlFunction<T> work) {
    try {
      if (sqliteWriter == null) {
        sqliteWriter = dataSource.getConnection();
      }
      return transaction(sqliteWriter, work);
    } catch (SQLException e) {
      releaseWriter();
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  private <T> T transaction(Connection c, SqlFunction<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.apply(c);
      commit(c);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      rollbackQuietly(c, e);
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** Gives the writer connection back to the pool (which closes it if it was evicted). Under the write lock. */
  private void releaseWriter() {
    Connection c = sqliteWriter;
    sqliteWriter = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // the pool has let go of it
      }
    }
  }

  /**
   * Commits. On SQLite by turning auto-commit back on, which commits (JDBC says so): the driver's {@code
   * commit()} begins the next transaction at once (taking the write lock again), and turning auto-commit
   * on afterwards commits that empty one, two statements per transaction for nothing. Should the commit
   * fail, the driver has already left transaction mode, so the connection cannot roll back: it is
   * evicted from the pool, and closing it rolls back whatever is still open.
   */
  private void commit(Connection c) throws SQLException {
    if (sqliteWriteLock == null) {
      c.commit();
      return;
    }
    try {
      c.setAutoCommit(true);
    } catch (SQLException e) {
      dataSource.evictConnection(c);
      throw e;
    }
  }

  /** Runs {@code work} on a connection in auto-commit mode (each statement its own transaction). */
  public <T> T withConnection(SqlFunction<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new StoreException("database error: " + e.getMessage(), e);
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Statement helper bound to this database's dialect. */
  public Sql sql(Connection connection) {
    return new Sql(connection, dialect, statements);
  }

  /** The most connections the pool opens (SQLite's pool is capped lower than PostgreSQL's). */
  public int maxConnections() {
    return dataSource.getMaximumPoolSize();
  }

  public int activeConnections() {
    return dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getActiveConnections();
  }

  public int totalConnections() {
    return dataSource.getHikariPoolMXBean() == null ? 0 : dataSource.getHikariPoolMXBean().getTotalConnections();
  }

  /** One checkpoint of SQLite's write-ahead log now, as the background thread runs them; null on PostgreSQL. */
  SqliteCheckpointer.Result checkpointWal() throws SQLException {
    return checkpointer == null ? null : checkpointer.checkpoint();
  }

  /** The background thread's wait before its next checkpoint (SQLite), in milliseconds; -1 on PostgreSQL. */
  long walCheckpointDelayMillis() {
    return checkpointer == null ? -1 : checkpointer.delayMillis();
  }

  @Override
  public void close() {
    if (checkpointer != null) {
      checkpointer.close();
    }
    releaseWriterAtClose();
    dataSource.close();
  }

  /** The writer connection back to the pool before it closes, unless a transaction still holds it. */
  private void releaseWriterAtClose() {
    if (sqliteWriteLock == null) {
      return;
    }
    try {
      if (sqliteWriteLock.tryLock(2, java.util.concurrent.TimeUnit.SECONDS)) {
        try {
          releaseWriter();
        } finally {
          sqliteWriteLock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
