package dev.ingestion.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies SQLite's write-ahead log into the database file from a thread of its own. SQLite's default is
 * that the transaction whose commit brings the log to 1,000 pages copies it, with two fsyncs, before
 * its commit returns: the one writer, and every thread waiting to write, then waits on the disk (4 ms
 * per fsync on average on a shared disk, a third of a queue transition's time). Here the writers
 * leave it to this thread, which checkpoints every {@link #EVERY} without blocking them, up to
 * {@link #WRITER_PAGES}: beyond that the committing writer checkpoints as before, which bounds the log
 * (and restarts it) under a write load this thread cannot keep up with. While nothing is written (a
 * server between runs), each look that finds the log as it was doubles the wait before the next, up to
 * {@link #IDLE_EVERY}; the first look that finds new pages goes back to {@link #EVERY}.
 *
 * <p>Durability is unchanged: a commit is in the log before it returns; checkpoints only move committed
 * pages into the main file.
 */
final class SqliteCheckpointer implements AutoCloseable {
  /** How often the log is copied: a few hundred commits' worth at the queue's rate. */
  static final Duration EVERY = Duration.ofMillis(250);
  /** The longest wait between two looks at a log nobody writes to. */
  static final Duration IDLE_EVERY = Duration.ofSeconds(8);
  /** The log size (pages) at which a writer checkpoints itself: 40 MB with 4 KB pages. */
  static final int WRITER_PAGES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SqliteCheckpointer.class);

  /** What one checkpoint did: whether it met a lock, the pages in the log, and those now in the file. */
  record Result(boolean busy, long logPages, long checkpointedPages) {}

  private final DataSource dataSource;
  private final ScheduledExecutorService thread;
  private boolean failing;
  private volatile long delayMillis = EVERY.toMillis();
  private long lastLogPages = -1;

  SqliteCheckpointer(DataSource dataSource) {
    this.dataSource = dataSource;
    this.thread = Executors.newSingleThreadScheduledExecutor(
        r -> Thread.ofPlatform().daemon().name("sqlite-checkpoint").unstarted(r));
  }

  /** Starts checkpointing every {@link #EVERY}, less often while the database is idle. */
  void start() {
    thread.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
  }

  /** The wait before the next look: {@link #EVERY} while pages are written, up to {@link #IDLE_EVERY} when idle. */
  long delayMillis() {
    return delayMillis;
  }

  private void tick() {
    Result r = checkpointQuietly();
    boolean unchanged = r != null && !r.busy() && r.logPages() == lastLogPages && r.checkpointedPages() == r.logPages();
    lastLogPages = r == null ? -1 : r.logPages();
    delayMillis = unchanged ? Math.min(2 * delayMillis, IDLE_EVERY.toMillis()) : EVERY.toMillis();
    try {
      thread.schedule(this::tick, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed meanwhile
    }
  }

  /** One passive checkpoint: copies what it can without waiting for readers or the writer. */
  Result checkpoint() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return new Result(rs.getInt(1) != 0, rs.getLong(2), rs.getLong(3));
    }
  }

  private Result checkpointQuietly() {
    try {
      Result result = checkpoint();
      if (failing) {
        LOG.info("background WAL checkpoints work again");
        failing = false;
      }
      return result;
    } catch (SQLException | RuntimeException e) {
      // Writers checkpoint themselves past WRITER_PAGES, so a failure here delays copying, loses nothing.
      if (!failing) {
        LOG.warn("background WAL checkpoint failed (writers will checkpoint past {} pages): {}", WRITER_PAGES,
            e.toString());
        failing = true;
      }
      return null;
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
