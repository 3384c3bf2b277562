package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.StoreException;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's write path: statements kept per connection, commits, and the log copied off the writers' path. */
@FastTest
class SqliteWritePathTest {
  @TempDir
  Path dir;
  private Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.sqlite(dir, Clock.systemUTC());
    db.inTransaction(c -> db.sql(c).update("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void a_statement_run_again_on_the_same_connection_is_the_one_prepared_before() {
    StatementCache cache = new StatementCache();
    db.withConnection(c -> {
      PreparedStatement first = cache.take(c, "SELECT 1");
      cache.give(c, "SELECT 1", first);
      assertThat(cache.take(c, "SELECT 1")).isSameAs(first);
      assertThat(cache.take(c, "SELECT 1")).as("taken, so not handed out twice").isNotSameAs(first);
      return null;
    });
  }

  @Test
  void a_query_run_inside_the_same_query_gets_a_statement_of_its_own() {
    db.inTransaction(c -> {
      for (int i = 1; i <= 3; i++) {
        db.sql(c).update("INSERT INTO t (id, v) VALUES (?, ?)", i, "v" + i);
      }
      return null;
    });
    String select = "SELECT id, v FROM t WHERE id >= ? ORDER BY id";
    List<String> rows = db.withConnection(c -> db.sql(c).query(select,
        rs -> rs.getString(2) + ":" + db.sql(c).query(select, inner -> inner.getString(2), rs.getLong(1) + 1), 1));
    assertThat(rows).containsExactly("v1:[v2, v3]", "v2:[v3]", "v3:[]");
  }

  @Test
  void a_statement_that_failed_is_not_kept_and_the_same_text_runs_again() {
    String insert = "INSERT INTO t (id, v) VALUES (?, ?)";
    db.inTransaction(c -> db.sql(c).update(insert, 1, "a"));
    assertThatThrownBy(() -> db.inTransaction(c -> db.sql(c).update(insert, 1, "duplicate")))
        .isInstanceOf(StoreException.class);
    db.inTransaction(c -> db.sql(c).update(insert, 2, "b"));
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM t")).isEqualTo(2);
  }

  @Test
  void a_transaction_that_throws_writes_nothing_and_the_next_one_commits() {
    assertThatThrownBy(() -> db.inTransaction(c -> {
      db.sql(c).update("INSERT INTO t (id, v) VALUES (1, 'rolled back')");
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);
    db.inTransaction(c -> db.sql(c).update("INSERT INTO t (id, v) VALUES (2, 'kept')"));
    List<String> rows = db.withConnection(c -> db.sql(c).query("SELECT v FROM t", rs -> rs.getString(1)));
    assertThat(rows).containsExactly("kept");
    // Nothing left open: a connection from the pool is in auto-commit mode, outside any transaction.
    boolean autoCommit = db.withConnection(c -> c.getAutoCommit());
    assertThat(autoCommit).isTrue();
  }

  /**
   * A temporary table lives on one connection only: seen by the next write transaction, from another
   * thread too, the two ran on the same connection, whose page cache no other writer of this process empties.
   */
  @Test
  void write_transactions_run_on_one_kept_connection_from_any_thread() throws Exception {
    db.inTransaction(c -> db.sql(c).update("CREATE TEMP TABLE mine (x INTEGER)"));
    Thread other = Thread.ofPlatform().start(() ->
        db.inTransaction(c -> db.sql(c).update("INSERT INTO temp.mine (x) VALUES (1)")));
    other.join();
    long rows = db.inTransaction(c -> db.sql(c).queryLong("SELECT count(*) FROM temp.mine"));
    assertThat(rows).isEqualTo(1);
    long elsewhere = db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM sqlite_temp_master WHERE name = 'mine'"));
    assertThat(elsewhere).as("a pooled connection's own temp schema").isZero();
  }

  @Test
  void after_a_database_error_the_next_write_transaction_gets_a_working_connection() {
    assertThatThrownBy(() -> db.inTransaction(c -> db.sql(c).update("INSERT INTO no_such_table VALUES (1)")))
        .isInstanceOf(StoreException.class);
    db.inTransaction(c -> db.sql(c).update("INSERT INTO t (id, v) VALUES (7, 'after')"));
    assertThat(TestDatabases.count(db, "SELECT count(*) FROM t WHERE id = 7")).isEqualTo(1);
  }

  @Test
  void writers_leave_checkpoints_to_the_background_up_to_ten_thousand_pages() {
    assertThat(TestDatabases.count(db, "PRAGMA wal_autocheckpoint")).isEqualTo(SqliteCheckpointer.WRITER_PAGES);
  }

  @Test
  void a_statement_keeps_its_undo_pages_in_memory_not_in_a_temporary_file() {
    // 2 = MEMORY; the default (0) writes a statement journal file for every multi-row statement in a transaction
    long store = db.inTransaction(c -> db.sql(c).queryLong("PRAGMA temp_store"));
    assertThat(store).isEqualTo(2);
  }

  @Test
  void the_background_checkpoints_slow_down_while_nothing_is_written_and_speed_up_after_a_write() {
    db.inTransaction(c -> db.sql(c).update("INSERT INTO t (id, v) VALUES (1, 'first')"));
    long every = SqliteCheckpointer.EVERY.toMillis();
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.walCheckpointDelayMillis() >= 4 * every);
    db.inTransaction(c -> db.sql(c).update("INSERT INTO t (id, v) VALUES (2, ?)", "y".repeat(20_000)));
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> db.walCheckpointDelayMillis() == every);
  }

  @Test
  void a_checkpoint_copies_every_committed_page_into_the_file() throws Exception {
    for (int i = 0; i < 50; i++) {
      int id = i;
      db.inTransaction(c -> db.sql(c).update("INSERT INTO t (id, v) VALUES (?, ?)", id, "x".repeat(2000)));
    }
    SqliteCheckpointer.Result result = db.checkpointWal();
    for (int tries = 0; result.busy() && tries < 100; tries++) { // the background thread was at it
      result = db.checkpointWal();
    }
    assertThat(result.busy()).isFalse();
    assertThat(result.logPages()).isPositive();
    assertThat(result.checkpointedPages()).isEqualTo(result.logPages());
  }
}
