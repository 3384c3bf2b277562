package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * PostgreSQL stopped under a real {@code ingestion ingest} and two extra {@code ingestion worker} processes
 * sharing its queue, first for 20 s and then for 2 minutes: every process waits it out (saying so when the
 * outage starts and when it ends, not per thread), goes on, and every document is finished exactly once
 * with nothing blamed on a document.
 */
@ProcessTest
@PostgresTest
class DatabaseOutageTest {
  private static final int DOCS = 600;

  @TempDir Path dir;

  @Test
  void ingest_and_two_workers_survive_a_20_second_and_a_2_minute_postgresql_outage_and_finish_exactly_once()
      throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("pg");
    EmbeddedPostgres pg = start(data, port);
    List<Process> workers = new ArrayList<>();
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
      Path config = dir.resolve("ingestion.yml");
      Files.writeString(config, """
          database:
            url: %s
            user: postgres
          pipeline:
            concurrency: 1
            parse:
              isolation: in_process
          logging:
            dir: %s
          """.formatted(url, dir.resolve("logs")));
      DatabaseConfig dbc = new DatabaseConfig(url, "postgres", null, 1, 2, Duration.ofSeconds(5), Duration.ofSeconds(60),
          Duration.ofSeconds(5));
      Process ingest = CliProcess.start(dir, "ingest", corpus.toString(), "--config", config.toString(), "--no-progress");
      awaitCompleted(dbc, 1, ingest); // the schema exists: the workers start on it
      for (String name : List.of("worker-1", "worker-2")) {
        workers.add(CliProcess.start(Files.createDirectories(dir.resolve(name)), "worker", "--config", config.toString()));
      }
      for (String name : List.of("worker-1", "worker-2")) { // running, not still starting, when the outage begins
        Path stderr = dir.resolve(name).resolve("stderr.txt");
        await().atMost(Duration.ofMinutes(2)).until(() -> Files.readString(stderr).contains("ingestion worker started"));
      }
      // A worker that starts slowly on a loaded machine may find the first documents done before it claims
      // one, then spend its back-off through both outages while ingest finishes the rest: each takes part
      // before the first outage, so that the outages meet three processes at work.
      awaitWorkersCompleting(dbc, 3, ingest);
      long done = awaitCompleted(dbc, 20, ingest);

      pg = outage(pg, data, port, Duration.ofSeconds(20));
      awaitCompleted(dbc, done + 20, ingest);
      assertThat(ingest.isAlive()).as("work is left for the second outage").isTrue();
      pg = outage(pg, data, port, Duration.ofMinutes(2));

      assertThat(ingest.waitFor(300, TimeUnit.SECONDS)).as("ingest finishes after the outages").isTrue();
      String out = Files.readString(dir.resolve("stdout.txt"));
      String err = Files.readString(dir.resolve("stderr.txt"));
      assertThat(ingest.exitValue()).as(err).isZero();
      assertThat(out).contains("dead-letter 0");
      assertThat(outageLines(out)).as("ingest: said once per part and change of state, not per thread or retry")
          .isBetween(2L, 12L);
      for (Process w : workers) {
        w.destroy(); // SIGTERM, as systemctl stop sends it
        assertThat(w.waitFor(60, TimeUnit.SECONDS)).as("a worker stops on SIGTERM").isTrue();
      }
      for (int i = 0; i < workers.size(); i++) {
        Path wdir = dir.resolve("worker-" + (i + 1));
        String wout = Files.readString(wdir.resolve("stdout.txt")) + Files.readString(wdir.resolve("stderr.txt"));
        assertThat(workers.get(i).exitValue()).as("stopped by SIGTERM (128 + 15), after draining: " + wout)
            .isEqualTo(143);
        assertThat(wout).contains("0 unfinished job(s) handed back");
        // A worker backs off up to 30 s while the database is away; when that pause outlasts the gap between
        // the two outages (the others finish the 20 documents sooner on a slow machine), it never saw the
        // database between them and rightly reports one outage. Never one line per retry or thread.
        assertThat(outageLines(wout)).as("worker %d saw the outages and said so once per change", i + 1)
            .isBetween(1L, 12L);
      }
      try (Database d = Database.open(dbc, Clock.systemUTC())) {
        assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
        assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
        assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
            + " GROUP BY document_id HAVING count(*) > 1) AS dup")).isZero();
        assertThat(Processes.count(d, "SELECT count(DISTINCT worker_id) FROM attempts WHERE outcome = 'completed'"))
            .as("the extra workers took part").isGreaterThanOrEqualTo(3);
        assertThat(Processes.count(d, "SELECT count(*) FROM chunks"))
            .isEqualTo(Processes.count(d, "SELECT sum(chunk_count) FROM document_versions"));
        assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')")).isZero();
      }
    } finally {
      workers.forEach(Process::destroyForcibly);
      pg.close();
    }
  }

  private static EmbeddedPostgres outage(EmbeddedPostgres pg, Path data, int port, Duration length)
      throws IOException, InterruptedException {
    pg.close();
    Thread.sleep(length.toMillis());
    return start(data, port);
  }

  private static long outageLines(String output) {
    return output.lines().filter(l -> l.contains("database unavailable")).count();
  }

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  /** Waits until {@code processes} distinct workers (ingest's and the extra ones) have completed a document. */
  private static void awaitWorkersCompleting(DatabaseConfig dbc, long processes, Process p) throws InterruptedException {
    awaitCount(dbc, "SELECT count(DISTINCT worker_id) FROM attempts WHERE outcome = 'completed'", processes, p,
        "the extra workers never completed a document while ingest ran");
  }

  /** Waits until at least {@code atLeast} documents are completed; returns how many are. */
  private static long awaitCompleted(DatabaseConfig dbc, long atLeast, Process p) throws InterruptedException {
    return awaitCount(dbc, "SELECT count(*) FROM documents WHERE status = 'completed'", atLeast, p,
        "the run never reached " + atLeast + " completed documents");
  }

  /** Polls {@code countSql} until it reaches {@code atLeast} while {@code p} runs; returns the count. */
  private static long awaitCount(DatabaseConfig dbc, String countSql, long atLeast, Process p, String never)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try (Database d = Database.open(dbc, Clock.systemUTC())) {
        long count = Processes.count(d, countSql);
        if (count >= atLeast) {
          return count;
        }
      } catch (RuntimeException e) {
        // the schema may not exist yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError(never);
  }
}
