package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.PostgresTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped in the middle of a run: workers back off and keep trying, and once the database is
 * back everything finishes, each document completed exactly once.
 */
@PostgresTest
class PostgresOutageTest {
  @TempDir Path dir;

  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
  }

  @Test
  void workers_ride_out_a_database_outage_and_finish_exactly_once() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path data = dir.resolve("pg");
    EmbeddedPostgres pg = start(data, port);
    Path corpus = Files.createDirectories(dir.resolve("docs"));
    for (int i = 0; i < 80; i++) {
      Files.writeString(corpus.resolve("doc-" + i + ".txt"), ("Paragraph about topic " + i + ". ").repeat(200));
    }
    String url = pg.getJdbcUrl("postgres", "postgres");
    DatabaseConfig cfg = new DatabaseConfig(url, "postgres", null, 1, 8, Duration.ofSeconds(2), Duration.ofSeconds(60),
        Duration.ofSeconds(5));
    PipelineConfig pc = PipelineConfig.defaults().withConcurrency(2).withLease(Duration.ofSeconds(3), Duration.ofSeconds(1))
        .withRetry(5, Duration.ofMillis(200), Duration.ofSeconds(1));
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      Pipeline pipeline = PipelineFixture.pipeline(db, pc, List.of());
      FileSystemSource source = new FileSystemSource("docs", FileSystemSourceConfig.of(corpus));
      pipeline.sources().registerAdHoc(source);
      pipeline.discover(source, "test", null);
      Worker worker = pipeline.newWorker("test");
      worker.start();
      waitFor(() -> count(db, "SELECT count(*) FROM documents WHERE status = 'completed'") >= 10, 60);

      pg.close();
      Thread.sleep(4_000);
      pg = start(data, port);

      waitFor(() -> count(db, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')") == 0, 120);
      worker.close();
      assertThat(count(db, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(80);
      assertThat(count(db, "SELECT count(*) FROM document_versions")).isEqualTo(80);
      assertThat(count(db, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
          + " GROUP BY document_id HAVING count(*) > 1) AS dup")).isZero();
      assertThat(count(db, "SELECT count(*) FROM chunks")).isEqualTo(count(db, "SELECT sum(chunk_count) FROM document_versions"));
    } finally {
      pg.close();
    }
  }

  private static long count(Database db, String sql) {
    try {
      return db.withConnection(c -> db.sql(c).queryLong(sql));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      Thread.sleep(100);
    }
  }
}
