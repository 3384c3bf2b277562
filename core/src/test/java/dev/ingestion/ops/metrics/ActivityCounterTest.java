package dev.ingestion.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Job;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.Database;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Windows counted from hour buckets plus exact edges equal counting the attempts one by one. */
@FastTest
class ActivityCounterTest {
  @TempDir Path dir;

  @Test
  void any_window_counts_exactly_what_a_scan_of_the_attempts_counts() {
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    try (Database db = TestDatabases.sqlite(dir, clock)) {
      Random random = new Random(42);
      TestDatabases.seed(db, 120, 1);
      JobQueue queue = new JobQueue(db);
      ResultRepository results = new ResultRepository(db, 5);
      for (int i = 0; i < 120; i++) {
        clock.advance(Duration.ofSeconds(60 + random.nextInt(1200)));
        Job job = queue.claim("w", 1, Duration.ofMinutes(5)).get(0);
        AttemptRecord a = new AttemptRecord("w", clock.instant(), "m", 7, StageTimings.NONE, null);
        if (random.nextInt(4) == 0) {
          results.deadLetter(job, a, new Failure(Stage.PARSE, FailureCategory.CORRUPT, false, "X", "bad", ""), "low");
        } else {
          results.complete(job, a, new NewVersion("h" + i, 7, DocumentMetadata.unknown("text/plain"), 1, false, List.of()));
        }
      }
      StatsRepository stats = new StatsRepository(db);
      stats.compact(10_000);
      ActivityCounter counter = new ActivityCounter(stats);
      Instant start = Instant.parse("2026-03-01T00:00:00Z");
      for (int i = 0; i < 40; i++) {
        Instant from = start.plusSeconds(random.nextInt(20 * 3600));
        Instant to = from.plusSeconds(random.nextInt(30 * 3600));
        Activity a = counter.between(from, to);
        Map<String, long[]> scan = stats.attemptsBetween(from, to.plusMillis(1));
        for (String outcome : List.of("completed", "dead_letter")) {
          long expected = scan.containsKey(outcome) ? scan.get(outcome)[0] : 0;
          assertThat(a.count(outcome)).as("%s in [%s, %s]", outcome, from, to).isEqualTo(expected);
        }
        assertThat(a.processedBytes()).isEqualTo(7 * a.processed());
      }
    }
  }
}
