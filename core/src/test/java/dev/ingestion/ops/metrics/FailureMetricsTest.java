package dev.ingestion.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Job;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.Database;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.DocumentQueries;
import dev.ingestion.store.DocumentQueries.DocumentSummary;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.NewVersion;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.StatsRepository;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documents a slow-processing hunt looks for are the ones that failed slowly: processing-time
 * percentiles and the slowest documents include timed-out and failed attempts, flagged; growth counts
 * today, so the first day of an installation grows.
 */
@FastTest
class FailureMetricsTest {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.sqlite(dir, clock);
    TestDatabases.seed(db, 3, 1);
    JobQueue queue = new JobQueue(db);
    ResultRepository results = new ResultRepository(db, 3);
    Job fast = queue.claim("w", 1, Duration.ofMinutes(5)).get(0);
    Instant start = clock.instant();
    clock.advance(Duration.ofMillis(300));
    results.complete(fast, attempt(start), new NewVersion("h", 30_000_000, DocumentMetadata.unknown("text/plain"), 5,
        false, List.of(new Chunk(0, "text", 0, 4, List.of(), null, "c")), Map.of()));
    Job slow = queue.claim("w", 1, Duration.ofMinutes(5)).get(0);
    start = clock.instant();
    clock.advance(Duration.ofSeconds(7));
    results.deadLetter(slow, attempt(start), new Failure(Stage.PARSE, FailureCategory.PARSE_TIMEOUT, false,
        "x", "parsing took longer than the 7 s limit", "t"), "medium");
    Job failing = queue.claim("w", 1, Duration.ofMinutes(5)).get(0);
    start = clock.instant();
    clock.advance(Duration.ofSeconds(4));
    results.deadLetter(failing, attempt(start), new Failure(Stage.PARSE, FailureCategory.CORRUPT, false,
        "x", "bad xref", "t"), "low");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static AttemptRecord attempt(Instant start) {
    return new AttemptRecord("w", start, "m", 10, StageTimings.NONE, null);
  }

  @Test
  void percentiles_include_timed_out_and_failed_attempts_and_say_how_many() {
    StatsService stats = new StatsService(new StatsRepository(db), new AttemptQueries(db), new DeadLetterQueries(db),
        clock);
    StatsService.ProcessingTimes t = stats.processingTimes(Duration.ofHours(24));
    assertThat(t.totalMs().count()).as("completed attempts, as before").isEqualTo(1);
    assertThat(t.allAttemptsMs().count()).isEqualTo(3);
    assertThat(t.allAttemptsMs().max()).isEqualTo(7_000);
    assertThat(t.allAttempts()).containsEntry("completed", 1L).containsEntry("timed_out", 1L)
        .containsEntry("failed", 1L);
  }

  @Test
  void the_slowest_documents_include_failures_flagged_as_such() {
    List<DocumentSummary> slow = new DocumentQueries(db).slowest(1_000, 10);
    assertThat(slow).extracting(DocumentSummary::lastAttempt).containsExactly("timed_out", "failed");
    assertThat(slow).extracting(DocumentSummary::processingMs).containsExactly(7_000L, 4_000L);
  }

  @Test
  void growth_counts_the_last_24_hours_including_today() {
    GrowthService growth = new GrowthService(new StatsRepository(db), clock);
    assertThat(growth.bytesPerDay(1)).as("30 MB added today").isEqualTo(30_000_000.0);
    assertThat(growth.bytesPerDay(7)).isGreaterThan(0);
  }
}
