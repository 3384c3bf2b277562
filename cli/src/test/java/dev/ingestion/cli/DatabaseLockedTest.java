package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite held by another connection with BEGIN EXCLUSIVE for several seconds in the middle of a run,
 * longer than the configured busy timeout: the worker backs off, resumes when the lock goes, and the run
 * ends with every document completed exactly once.
 */
@ProcessTest
class DatabaseLockedTest {
  private static final int DOCS = 300;

  @TempDir Path dir;

  @Test
  void an_exclusive_lock_held_past_the_busy_timeout_delays_the_run_and_loses_nothing() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    CrashSafetyTest.writeCorpus(corpus, new Random(3));
    Path db = dir.resolve("data/ingestion.db");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
          busy_timeout: 500ms
        pipeline:
          concurrency: 2
          lease: 8s
          heartbeat: 2s
          retry_base_delay: 200ms
          retry_max_delay: 1s
          max_attempts: 10
        logging:
          dir: %s
        """.formatted(db, dir.resolve("logs")));
    Process run = CliProcess.start(dir, "ingest", corpus.toString(), "--config", config.toString(), "--no-progress");
    long before = Processes.awaitFinished(db, 20, run);
    try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = lock.createStatement()) {
      st.execute("BEGIN EXCLUSIVE");
      long atLock = finished(st);
      Thread.sleep(5_000);
      assertThat(finished(st)).as("nothing is written while the lock is held").isEqualTo(atLock);
      st.execute("COMMIT");
    }
    System.out.printf("lock held for 5 s after %d documents had finished%n", before);
    assertThat(run.waitFor(300, TimeUnit.SECONDS)).as("the run finishes after the lock is released").isTrue();
    assertThat(run.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
          + " GROUP BY document_id HAVING count(*) <> 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM document_versions")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM chunks")).isEqualTo(Processes.count(d, "SELECT sum(chunk_count) FROM document_versions"));
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
    }
    String log = Files.readString(dir.resolve("stdout.txt")) + Files.readString(dir.resolve("stderr.txt"));
    assertThat(log).as("the worker met the lock and said so").containsAnyOf("locked", "database unavailable");
  }

  private static long finished(Statement st) throws java.sql.SQLException {
    try (var rs = st.executeQuery("SELECT count(*) FROM documents WHERE status = 'completed'")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
