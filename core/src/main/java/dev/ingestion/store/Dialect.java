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
