package dev.ingestion.store;

import dev.ingestion.model.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for SQLite, which admits one writer at a time. Threads hand their transaction to a
 * queue; whichever thread holds the lock runs every queued transaction in one database transaction, each
 * inside its own savepoint (one that fails is rolled back alone and its caller gets the exception), then
 * commits once and wakes the callers. Without this, writers of one process collide in SQLite's busy
 * handler, which sleeps in millisecond steps, and a lock holder that the OS deschedules stalls the rest.
 */
final class WriteCombiner {
  private static final int MAX_BATCH = 64;

  private final Database db;
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<Pending<?>> queue = new ConcurrentLinkedQueue<>();

  WriteCombiner(Database db) {
    this.db = db;
  }

  private static final class Pending<T> {
    final SqlFunction<T> work;
    volatile boolean done;
    T result;
    Throwable failure;

    Pending(SqlFunction<T> work) {
      this.work = work;
    }

    synchronized void finish(T value, Throwable error) {
      result = value;
      failure = error;
      done = true;
      notifyAll();
    }

    synchronized void awaitBriefly() throws InterruptedException {
      if (!done) {
        wait(1);
      }
    }
  }

  <T> T run(SqlFunction<T> work) {
    Pending<T> mine = new Pending<>(work);
    queue.add(mine);
    while (!mine.done) {
      if (lock.tryLock()) {
        try {
          drain();
        } finally {
          lock.unlock();
        }
      } else {
        try {
          mine.awaitBriefly();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          lock.lock();
          try {
            drain();
          } finally {
            lock.unlock();
          }
        }
      }
    }
    return outcome(mine);
  }

  @SuppressWarnings("unchecked")
  private static <T> T outcome(Pending<T> p) {
    if (p.failure == null) {
      return p.result;
    }
    if (p.failure instanceof RuntimeException re) {
      throw re;
    }
    if (p.failure instanceof Error err) {
      throw err;
    }
    if (p.failure instanceof SQLException se) {
      throw new StoreException("database error: " + se.getMessage(), se);
    }
    throw new StoreException("database error: " + p.failure, p.failure);
  }

  /**
   * Runs what is queued now, as one batch, and returns: the caller's own transaction is in it (it was
   * queued before the lock was taken), and a thread never becomes everyone's writer for long.
   */
  private void drain() {
    List<Pending<?>> batch = new ArrayList<>();
    Pending<?> p;
    while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
      batch.add(p);
    }
    if (!batch.isEmpty()) {
      runBatch(batch);
    }
  }

  private void runBatch(List<Pending<?>> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    List<Throwable> failures = new ArrayList<>(batch.size());
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        for (Pending<?> p : batch) {
          runOne(c, p, results, failures);
        }
        c.commit();
      } catch (SQLException | RuntimeException | Error e) {
        Database.rollbackQuietly(c, e);
        failAll(batch, e);
        return;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      failAll(batch, e);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      finish(batch.get(i), results.get(i), failures.get(i));
    }
  }

  private static void runOne(Connection c, Pending<?> p, List<Object> results, List<Throwable> failures)
      throws SQLException {
    Savepoint sp = c.setSavepoint();
    try {
      results.add(p.work.apply(c));
      failures.add(null);
      c.releaseSavepoint(sp);
    } catch (SQLException | RuntimeException e) {
      c.rollback(sp);
      c.releaseSavepoint(sp);
      results.add(null);
      failures.add(e);
    }
  }

  private static void failAll(List<Pending<?>> batch, Throwable e) {
    for (Pending<?> p : batch) {
      if (!p.done) {
        finish(p, null, e);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void finish(Pending<T> p, Object value, Throwable failure) {
    p.finish((T) value, failure);
  }
}
