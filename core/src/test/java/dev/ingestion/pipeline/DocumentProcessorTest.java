package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.Job;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One leased job through fetch, hash, parse, chunk and store, on a real SQLite file, real files and the
 * real Tika parser: what each outcome records, and that a lost lease records nothing.
 */
@FastTest
class DocumentProcessorTest {
  private static final Duration LEASE = Duration.ofSeconds(60);

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  final RunStats stats = new RunStats();
  Path root;
  Database db;
  Flaky source;
  Pipeline pipeline;

  /** A real folder whose fetches can be made to fail the way a network share drops a connection. */
  static final class Flaky implements Source {
    final FileSystemSource inner;
    volatile boolean resetConnection;

    Flaky(Path root) {
      inner = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
    }

    @Override public String name() { return inner.name(); }
    @Override public String type() { return inner.type(); }
    @Override public String location() { return inner.location(); }
    @Override public CheckResult check() { return inner.check(); }
    @Override public void list(ListingListener listener) { inner.list(listener); }

    @Override
    public FetchedContent fetch(String externalId) {
      if (resetConnection) {
        throw new UncheckedIOException(new IOException("Connection reset by peer"));
      }
      return inner.fetch(externalId);
    }
  }

  @BeforeEach
  void open() throws IOException {
    root = Files.createDirectories(dir.resolve("docs"));
    db = TestDatabases.sqlite(dir, clock);
    source = new Flaky(root);
    PipelineConfig pc = PipelineConfig.defaults().withRetry(2, Duration.ofSeconds(10), Duration.ofMinutes(1));
    pipeline = new Pipeline(db, pc, List.of(source), new Pipeline.Extraction(
        new TikaDocumentParser(pc.parseLimits()), TikaDocumentParser::new, new RecursiveChunker(pc.chunker())));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private DocumentProcessor processor(ParseLimits limits) {
    PipelineConfig pc = pipeline.config();
    return new DocumentProcessor(new DocumentProcessor.ProcessorParts(new ResultRepository(db, pc.keepVersions()),
        pipeline.sources(), new Pipeline.Extraction(new TikaDocumentParser(limits), TikaDocumentParser::new,
        new RecursiveChunker(pc.chunker())), limits, new RetryPolicy(pc.maxAttempts(), pc.retryBaseDelay(),
        pc.retryMaxDelay(), new SplittableRandom(7)), clock), stats);
  }

  private DocumentProcessor processor() {
    return processor(pipeline.config().parseLimits());
  }

  private Job discoverAndClaim(String owner) {
    pipeline.discover(source, "test", null);
    return claim(owner);
  }

  private Job claim(String owner) {
    List<Job> jobs = pipeline.queue().claim(owner, 1, LEASE);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  private String one(String sql) {
    return db.withConnection(c -> db.sql(c).queryOne(sql, rs -> rs.getString(1)).orElseThrow());
  }

  private void writeText(String name) throws IOException {
    Documents.text(root.resolve(name), List.of("The quarterly report covers sales in the north.",
        "Revenue grew in every region; costs stayed flat.", "The outlook for next year is cautious."));
  }

  @Test
  void a_new_document_is_stored_as_its_first_version_with_its_chunks() throws IOException {
    writeText("report.txt");
    processor().process(discoverAndClaim("w"), "w");

    assertThat(one("SELECT status FROM documents")).isEqualTo("completed");
    assertThat(count("SELECT version_count FROM documents")).isEqualTo(1);
    assertThat(one("SELECT status FROM jobs")).isEqualTo("done");
    assertThat(one("SELECT outcome FROM attempts")).isEqualTo("completed");
    assertThat(one("SELECT text FROM chunks ORDER BY ordinal LIMIT 1")).contains("quarterly report");
    assertThat(stats.completed()).isEqualTo(1);
    assertThat(stats.chunks()).isEqualTo(count("SELECT count(*) FROM chunks")).isPositive();
    assertThat(stats.bytes()).isEqualTo(Files.size(root.resolve("report.txt")));
  }

  @Test
  void a_document_touched_but_not_changed_is_recorded_unchanged_without_a_new_version() throws IOException {
    writeText("report.txt");
    processor().process(discoverAndClaim("w"), "w");
    Files.setLastModifiedTime(root.resolve("report.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

    processor().process(discoverAndClaim("w"), "w");

    assertThat(count("SELECT version_count FROM documents")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM attempts WHERE outcome = 'unchanged'")).isEqualTo(1);
    assertThat(stats.unchanged()).isEqualTo(1);
    assertThat(stats.completed()).isEqualTo(1);
  }

  @Test
  void a_corrupt_document_is_dead_lettered_at_once_with_what_an_operator_needs() throws IOException {
    Documents.corruptPdf(root.resolve("broken.pdf"));
    processor().process(discoverAndClaim("w"), "w");

    assertThat(one("SELECT status FROM documents")).isEqualTo("dead_letter");
    assertThat(one("SELECT status FROM jobs")).isEqualTo("dead");
    assertThat(one("SELECT stage || ' ' || category || ' ' || priority || ' ' || attempts FROM dead_letters"))
        .isEqualTo("parse corrupt low 1");
    assertThat(one("SELECT source_ref FROM dead_letters")).contains("broken.pdf");
    assertThat(one("SELECT exception_class FROM dead_letters")).isNotBlank();
    assertThat(one("SELECT stack_trace FROM dead_letters")).isNotBlank();
    assertThat(stats.deadLettered()).isEqualTo(1);
  }

  @Test
  void a_document_over_the_size_limit_is_refused_before_parsing_naming_the_setting() throws IOException {
    writeText("big.txt");
    ParseLimits tiny = new ParseLimits(10_000, 5, 100, 100, Duration.ofSeconds(30), 20);
    processor(tiny).process(discoverAndClaim("w"), "w");

    assertThat(one("SELECT stage || ' ' || category FROM dead_letters")).isEqualTo("parse too_large");
    assertThat(one("SELECT message FROM dead_letters")).contains("pipeline.parse.max_document_bytes (20)");
    assertThat(count("SELECT count(*) FROM document_versions")).isZero();
  }

  @Test
  void a_document_that_vanished_after_listing_is_dead_lettered_as_not_found() throws IOException {
    writeText("gone.txt");
    Job job = discoverAndClaim("w");
    Files.delete(root.resolve("gone.txt"));
    processor().process(job, "w");

    assertThat(one("SELECT stage || ' ' || category || ' ' || priority FROM dead_letters"))
        .isEqualTo("fetch not_found low");
  }

  @Test
  void a_retryable_failure_waits_the_policy_delay_and_the_last_attempt_dead_letters() throws IOException {
    writeText("report.txt");
    source.resetConnection = true;
    Job first = discoverAndClaim("w");
    processor().process(first, "w");

    assertThat(one("SELECT status FROM jobs")).isEqualTo("queued");
    assertThat(one("SELECT outcome || ' ' || category FROM attempts")).isEqualTo("retry_scheduled source_unavailable");
    Instant runAfter = db.withConnection(c -> db.sql(c).queryOne("SELECT run_after FROM jobs",
        rs -> db.sql(c).instant(rs, "run_after")).orElseThrow());
    assertThat(runAfter).as("half to all of the 10 s base delay").isBetween(clock.instant().plusSeconds(5),
        clock.instant().plusSeconds(10));
    assertThat(pipeline.queue().claim("w", 1, LEASE)).as("not before its delay").isEmpty();
    assertThat(stats.retried()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(10));
    processor().process(claim("w"), "w");
    assertThat(one("SELECT category || ' ' || priority || ' ' || attempts FROM dead_letters"))
        .isEqualTo("source_unavailable high 2");
    assertThat(one("SELECT status FROM jobs")).isEqualTo("dead");
  }

  @Test
  void a_worker_that_lost_its_lease_records_nothing_and_the_new_owner_finishes_once() throws IOException {
    writeText("report.txt");
    Job stale = discoverAndClaim("slow");
    clock.advance(LEASE.plusSeconds(1));
    assertThat(pipeline.queue().recoverAbandoned(List.of())).isEqualTo(1);
    Job current = claim("fast");

    processor().process(stale, "slow");
    assertThat(stats.leaseLost()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM document_versions")).isZero();

    processor().process(current, "fast");
    assertThat(count("SELECT version_count FROM documents")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM attempts WHERE outcome = 'completed' AND worker_id = 'fast'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM attempts WHERE worker_id = 'slow' AND outcome <> 'abandoned'")).isZero();
  }

  @Test
  void a_document_whose_attempts_keep_stopping_the_worker_is_parked_rather_than_tried_again() throws IOException {
    writeText("killer.txt");
    pipeline.discover(source, "test", null);
    for (int i = 1; i <= 4; i++) {
      claim("w" + i);
      assertThat(pipeline.queue().recoverAbandoned(List.of("w" + i))).isEqualTo(1);
    }
    Job fifth = claim("w5");
    assertThat(fifth.attempts()).as("two attempts allowed, two more lost to stopped workers").isEqualTo(5);

    processor().process(fifth, "w5");
    assertThat(one("SELECT stage || ' ' || category || ' ' || retryable FROM dead_letters"))
        .isEqualTo("parse resource_exhausted 0");
    assertThat(one("SELECT message FROM dead_letters")).contains("during 4 attempts", "parked");
    assertThat(count("SELECT count(*) FROM document_versions")).as("it was not parsed").isZero();
  }
}
