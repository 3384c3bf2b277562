package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.EmbeddedPostgres;
import dev.ingestion.testkit.tags.PostgresTest;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out on PostgreSQL: three worker processes (real JVMs) share one database; one is killed with
 * SIGKILL midway and the others finish its work. Every document is processed exactly once.
 */
@ProcessTest
@PostgresTest
class ScaleOutTest {
  private static final int DOCS = 1000;

  @TempDir Path dir;

  @Test
  void three_workers_share_the_queue_and_survive_one_being_killed() throws Exception {
    String url = EmbeddedPostgres.newDatabase();
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    for (int i = 0; i < DOCS; i++) {
      Files.writeString(corpus.resolve("doc-" + i + ".txt"),
          ("Record " + i + " of the archive. It describes one shipment and its invoice. ").repeat(8 + i % 20));
    }
    Path config = Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: %s
        pipeline:
          concurrency: 2
          lease: 5s
          heartbeat: 1s
        logging:
          dir: %s
        """.formatted(url, dir.resolve("logs")));
    PrintStream old = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run("ingest", corpus.toString(), "--config=" + config, "--queue-only")).isZero();
    } finally {
      System.setOut(old);
    }
    DatabaseConfig base = DatabaseConfig.sqlite(url);
    DatabaseConfig cfg = new DatabaseConfig(url, null, null, 1, 4, base.connectionTimeout(), base.idleTimeout(),
        base.busyTimeout());
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      assertThat(Processes.count(db, "SELECT count(*) FROM jobs WHERE status = 'queued'")).isEqualTo(DOCS);
      List<Process> workers = new ArrayList<>();
      for (int w = 0; w < 3; w++) {
        Path wd = Files.createDirectories(dir.resolve("w" + w));
        workers.add(CliProcess.start(wd, "worker", "--config=" + config));
      }
      waitFor(db, "SELECT count(*) FROM documents WHERE status = 'completed'", DOCS / 4, Duration.ofSeconds(180));
      workers.get(0).destroyForcibly();
      waitFor(db, "SELECT count(*) FROM documents WHERE status = 'completed'", DOCS, Duration.ofSeconds(300));
      for (Process p : workers.subList(1, 3)) {
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(Processes.count(db, "SELECT count(*) FROM document_versions")).isEqualTo(DOCS);
      assertThat(Processes.count(db, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
          + " GROUP BY document_id HAVING count(*) > 1) AS dup")).isZero();
      assertThat(Processes.count(db, "SELECT count(*) FROM chunks")).isEqualTo(Processes.count(db, "SELECT sum(chunk_count) FROM document_versions"));
      assertThat(Processes.count(db, "SELECT count(DISTINCT worker_id) FROM attempts WHERE outcome = 'completed'"))
          .as("work spread across workers").isGreaterThanOrEqualTo(2);
      assertThat(Processes.count(db, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')")).isZero();
    }
  }

  private static void waitFor(Database db, String sql, long atLeast, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (Processes.count(db, sql) < atLeast) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(sql + " stayed below " + atLeast + " for " + max.toSeconds() + " s");
      }
      Thread.sleep(200);
    }
  }
}
