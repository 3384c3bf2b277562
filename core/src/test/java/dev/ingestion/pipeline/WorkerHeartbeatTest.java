package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.parse.DocumentParser;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heartbeat a running {@link Worker} schedules renews the lease of the job it is processing, so a
 * document that takes longer than the lease is neither recovered as abandoned nor processed twice. The
 * lease is judged by the database clock, which the test moves; the heartbeat runs on its real schedule.
 */
@FastTest
class WorkerHeartbeatTest {
  private static final Duration LEASE = Duration.ofSeconds(60);

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  final CountDownLatch parsing = new CountDownLatch(1);
  final CountDownLatch mayFinish = new CountDownLatch(1);
  Database db;
  Pipeline pipeline;
  FileSystemSource source;

  /** The real Tika parser, held at its start until the test lets it go: a document that parses slowly. */
  final class Held implements DocumentParser {
    final TikaDocumentParser tika;

    Held(TikaDocumentParser tika) {
      this.tika = tika;
    }

    @Override
    public ExtractedDocument parse(InputStream content, String fileName, long declaredSize) {
      parsing.countDown();
      try {
        if (!mayFinish.await(60, TimeUnit.SECONDS)) {
          throw new UncheckedIOException(new IOException("the test never let the parse finish"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return tika.parse(content, fileName, declaredSize);
    }
  }

  @BeforeEach
  void open() throws IOException {
    Path root = Files.createDirectories(dir.resolve("docs"));
    Documents.text(root.resolve("slow.txt"), List.of("A document that takes longer to parse than its lease lasts."));
    db = TestDatabases.sqlite(dir, clock);
    source = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
    PipelineConfig pc = PipelineConfig.defaults().withConcurrency(1).withLease(LEASE, Duration.ofMillis(50));
    TikaDocumentParser tika = new TikaDocumentParser(pc.parseLimits());
    pipeline = new Pipeline(db, pc, List.of(source), new Pipeline.Extraction(new Held(tika), TikaDocumentParser::new,
        new RecursiveChunker(pc.chunker())));
  }

  @AfterEach
  void close() {
    mayFinish.countDown();
    db.close();
  }

  private Instant leaseExpiry() {
    return db.withConnection(c -> db.sql(c).queryOne("SELECT lease_expires_at FROM jobs",
        rs -> db.sql(c).instant(rs, "lease_expires_at")).orElseThrow());
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  @Test
  void the_worker_renews_the_lease_of_the_job_it_is_processing_past_the_original_expiry() throws Exception {
    pipeline.discover(source, "test", null);
    Worker worker = pipeline.newWorker("test");
    worker.start();
    try {
      assertThat(parsing.await(30, TimeUnit.SECONDS)).as("the worker started parsing").isTrue();
      Instant claimedUntil = leaseExpiry();
      for (int round = 1; round <= 3; round++) {
        clock.advance(Duration.ofSeconds(50));
        Instant beatAfter = clock.instant().plus(LEASE);
        await().atMost(Duration.ofSeconds(30)).until(() -> !leaseExpiry().isBefore(beatAfter));
        assertThat(pipeline.queue().recoverAbandoned(List.of())).as("round %d", round).isZero();
      }
      assertThat(clock.instant()).as("well past the lease the claim took").isAfter(claimedUntil);

      mayFinish.countDown();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> count("SELECT count(*) FROM documents WHERE status = 'completed'") == 1);
      assertThat(count("SELECT count(*) FROM attempts WHERE outcome = 'abandoned'")).isZero();
      assertThat(count("SELECT count(*) FROM attempts")).isEqualTo(1);
      assertThat(count("SELECT attempts FROM jobs")).isEqualTo(1);
      assertThat(count("SELECT count(*) FROM jobs WHERE status = 'done' AND lease_owner IS NULL")).isEqualTo(1);
    } finally {
      mayFinish.countDown();
      worker.close();
    }
  }
}
