package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.PostgresTest;
import dev.ingestion.testkit.tags.ProcessTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
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
 * PostgreSQL stopped for 20 s under a real {@code ingestion ingest}: the command waits it out (saying so
 * once when it starts and once when it ends, not per thread), goes on, and finishes every document exactly
 * once with nothing blamed on a document.
 */
@ProcessTest
@PostgresTest
class DatabaseOutageTest {
  private static final int DOCS = 120;

  @TempDir Path dir;

  @Test
  void ingest_survives_a_20_second_postgresql_outage_and_finishes_exactly_once() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("pg");
    EmbeddedPostgres pg = start(data, port);
    try {
      Path corpus = Files.createDirectories(dir.resolve("corpus"));
      for (int i = 0; i < DOCS; i++) {
        List<String> pages = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
          pages.add(("Document " + i + " page " + p + " about retention and audit schedules. ").repeat(30));
        }
        Documents.pdf(corpus.resolve("doc-" + i + ".pdf"), pages);
      }
      String url = pg.getJdbcUrl("postgres", "postgres");
      Files.writeString(dir.resolve("ingestion.yml"), """
          database:
            url: %s
            user: postgres
          pipeline:
            concurrency: 2
            parse:
              isolation: in_process
          logging:
            dir: %s
          """.formatted(url, dir.resolve("logs")));
      Process ingest = CliProcess.start(dir, "ingest", corpus.toString(), "--config",
          dir.resolve("ingestion.yml").toString(), "--no-progress");
      DatabaseConfig dbc = new DatabaseConfig(url, "postgres", null, 1, 2, Duration.ofSeconds(5), Duration.ofSeconds(60),
          Duration.ofSeconds(5));
      awaitCompleted(dbc, 10, ingest);

      pg.close();
      Thread.sleep(20_000);
      pg = start(data, port);

      assertThat(ingest.waitFor(240, TimeUnit.SECONDS)).as("ingest finishes after the outage").isTrue();
      String out = Files.readString(dir.resolve("stdout.txt"));
      String err = Files.readString(dir.resolve("stderr.txt"));
      assertThat(ingest.exitValue()).as(err).isZero();
      assertThat(out).contains("completed   " + DOCS, "dead-letter 0");
      long outageLines = out.lines().filter(l -> l.contains("database unavailable")).count();
      assertThat(outageLines).as("said once per part and change of state, not per thread or retry")
          .isBetween(1L, 6L);
      try (Database d = Database.open(dbc, Clock.systemUTC())) {
        assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
        assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
        assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
            + " GROUP BY document_id HAVING count(*) > 1) AS dup")).isZero();
        assertThat(Processes.count(d, "SELECT count(*) FROM chunks"))
            .isEqualTo(Processes.count(d, "SELECT sum(chunk_count) FROM document_versions"));
        assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')")).isZero();
      }
    } finally {
      pg.close();
    }
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  private static void awaitCompleted(DatabaseConfig dbc, long atLeast, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Database d = Database.open(dbc, Clock.systemUTC())) {
        if (Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'") >= atLeast) {
          return;
        }
      } catch (RuntimeException e) {
        // the schema may not exist yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the run never reached " + atLeast + " completed documents");
  }
}
