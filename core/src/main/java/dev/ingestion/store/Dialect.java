package dev.ingestion.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * What differs between the databases we run on: how time is stored and how a worker claims jobs. The
 * rest of the SQL is shared. Implementations are small and named after their database; code elsewhere
 * asks the dialect, never its name.
 */
public interface Dialect {
  /** Name used in health output and in the migration folder: {@code sqlite} or {@code postgresql}. */
  String name();

  /** Flyway location of this dialect's migrations. */
  default String migrationLocation() {
    return "classpath:db/migration/" + name();
  }

  void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException;

  Instant getInstant(ResultSet rs, String column) throws SQLException;

  /**
   * One statement, with its parameters, that leases up to {@code limit} jobs queued and due at {@code now}
   * to {@code owner} until {@code leaseExpiry}, counts an attempt on each, and returns them with columns
   * id, document_id, attempts, max_attempts, overrides, reason. Only {@link Lifecycle#claim} runs it.
   */
  BoundSql claimJobs(String owner, Instant leaseExpiry, Instant now, int limit);

  /**
   * True when {@link #claimJobs} also marks the claimed jobs' documents processing in the same statement;
   * otherwise {@link Lifecycle#claim} does it with a second one.
   */
  default boolean claimMarksDocuments() {
    return false;
  }

  /**
   * One statement that runs {@code fence} (an UPDATE) and, only when the fence changed a row, each of
   * {@code then}, returning one row holding the number of rows the fence changed; or null where the
   * database cannot chain writes in one statement, and the caller runs them one after the other. Each of
   * {@code then} is an {@code UPDATE ... WHERE ...} or an {@code INSERT ... SELECT ...} without a WHERE
   * clause, so the condition on the fence can be appended. Only {@link Lifecycle} runs it: a transition
   * and what it records then cost one round trip to the server instead of one per statement.
   */
  default BoundSql chain(BoundSql fence, java.util.List<BoundSql> then) {
    return null;
  }

  /** True when {@link #chain} returns one statement, false when it returns null. */
  default boolean chainsWrites() {
    return false;
  }

  /** A query returning the database's size in bytes. */
  String databaseSizeSql();

  /** A query whose rows are all "ok" when the file is sound, or null when the database has no such check. */
  default String integrityCheckSql() {
    return null;
  }

  /**
   * What {@code ingestion db maintain} runs, in order: planner statistics and compaction, each statement
   * by the name it is reported as.
   */
  java.util.SequencedMap<String, String> compactionStatements();

  /** The scheduled optimize statement, or null where it does not apply. */
  default String optimizeSql() {
    return null;
  }

  /** The scheduled vacuum statement, or null where it would block writers (it is then a manual step). */
  default String vacuumSql() {
    return null;
  }

  /** Whether the scheduled reindex applies (a concurrent REINDEX of our schema). */
  default boolean reindexesOnline() {
    return false;
  }

  /** A statement copying the live database into the file named by its one parameter, or null. */
  default String fileBackupSql() {
    return null;
  }

  /**
   * True when the keyword index is appended to before searches ({@link SearchIndex#catchUp}), false
   * when the database keeps it current by itself.
   */
  default boolean keywordIndexAppended() {
    return false;
  }

  /**
   * A keyword search over chunks, best first: row ids ({@code c.id}) of chunks matching any of
   * {@code terms}, with {@code join} (joins restricting to current chunks, alias {@code c}) and
   * {@code filters} (an {@code AND ...} clause with {@code filterParams}) spliced in, at most {@code limit}.
   */
  BoundSql keywordSearch(java.util.List<String> terms, String join, String filters, Object[] filterParams, int limit);

  /** True when several processes on several machines may share this database. */
  boolean supportsRemoteWorkers();

  /**
   * A statement run, in its own transaction, before the change feed reads its horizon (the highest
   * sequence number whose row is final), or null when writers already commit in sequence order.
   */
  default String feedHorizonLockSql() {
    return null;
  }
}
