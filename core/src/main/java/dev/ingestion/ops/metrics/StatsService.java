package dev.ingestion.ops.metrics;

import dev.ingestion.model.FailureCategory;
import dev.ingestion.ops.Periods;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.AttemptQueries.CategoryCount;
import dev.ingestion.store.AttemptQueries.ErrorExample;
import dev.ingestion.store.AttemptQueries.Timing;
import dev.ingestion.store.Counters;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.StatsRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Processing statistics, error rates, processing-time percentiles and error categories. */
public final class StatsService {
  static final List<String> DOCUMENT_STATUSES =
      List.of("pending", "processing", "completed", "failed", "dead_letter", "deleted");
  /** Completed attempts read for percentiles: the newest ones in the window, at most this many. */
  static final int TIMING_SAMPLE = 10_000;

  private final StatsRepository stats;
  private final AttemptQueries attempts;
  private final DeadLetterQueries deadLetters;
  private final ActivityCounter activity;
  private final Clock clock;

  public StatsService(StatsRepository stats, AttemptQueries attempts, DeadLetterQueries deadLetters, Clock clock) {
    this.stats = stats;
    this.attempts = attempts;
    this.deadLetters = deadLetters;
    this.activity = new ActivityCounter(stats);
    this.clock = clock;
  }

  public ActivityCounter activityCounter() {
    return activity;
  }

  public record DocumentTotals(long total, Map<String, Long> byStatus, long bytes) {}

  public record Throughput(double documentsPerHour, double documentsPerMinute, double bytesPerSecond) {}

  public record Queue(long queued, long inProgress) {}

  public record Stats(String period, Instant from, Instant to, DocumentTotals documents, long processed,
      long completed, long unchanged, long failed, long retried, long deadLettered, long abandoned,
      long bytesProcessed, Throughput throughput, Queue queue, long deadLetterOpen, long versions, long chunks) {}

  public Stats stats(Duration period) {
    Instant to = clock.instant();
    Activity a = activity.between(to.minus(period), to);
    Counters c = stats.counters(List.of("documents", "document_bytes", "jobs", "versions", "chunks"));
    Map<String, Long> byStatus = new LinkedHashMap<>();
    DOCUMENT_STATUSES.forEach(s -> byStatus.put(s, c.get("documents", s)));
    DocumentTotals docs = new DocumentTotals(c.sum("documents"), byStatus, c.sum("document_bytes"));
    return new Stats(Periods.format(period), a.from(), to, docs, a.processed(), a.count("completed"),
        a.count("unchanged"), a.errors(), a.count("retry_scheduled"), a.count("dead_letter"), a.count("abandoned"),
        a.processedBytes(), throughput(a), new Queue(c.get("jobs", "queued"), c.get("jobs", "leased")),
        deadLetters.openCount(), c.sum("versions"), c.sum("chunks"));
  }

  static Throughput throughput(Activity a) {
    double seconds = Math.max(1, a.length().toSeconds());
    return new Throughput(round(a.processed() * 3600 / seconds), round(a.processed() * 60 / seconds),
        round(a.processedBytes() / seconds));
  }

  public record ErrorRate(String period, Instant from, Instant to, double rate, double percent, long errors, long total,
      Map<String, Long> byOutcome) {}

  public ErrorRate errorRate(Duration period) {
    Instant to = clock.instant();
    Activity a = activity.between(to.minus(period), to);
    Map<String, Long> byOutcome = new LinkedHashMap<>();
    ActivityCounter.OUTCOMES.forEach(o -> byOutcome.put(o, a.count(o)));
    return new ErrorRate(Periods.format(period), a.from(), to, round4(a.errorRate()), round(a.errorRate() * 100),
        a.errors(), a.total(), byOutcome);
  }

  /**
   * {@code totalMs} and {@code stages}: completed attempts. {@code allAttemptsMs}: completed, failed and
   * timed-out attempts together (a parse that hit its time limit is exactly what a slow-processing hunt
   * looks for), with how many of each ({@code allAttempts}).
   */
  public record ProcessingTimes(String period, Instant from, Instant to, int sampleSize, boolean sampled,
      Percentiles totalMs, Map<String, Percentiles> stages, Percentiles allAttemptsMs, Map<String, Long> allAttempts) {}

  public ProcessingTimes processingTimes(Duration period) {
    Instant to = clock.instant();
    Instant from = to.minus(period);
    List<Timing> timings = attempts.completedTimings(from, TIMING_SAMPLE);
    Map<String, Percentiles> stages = new LinkedHashMap<>();
    stages.put("fetch", stage(timings, Timing::fetchMs));
    stages.put("parse", stage(timings, Timing::parseMs));
    stages.put("chunk", stage(timings, Timing::chunkMs));
    stages.put("store", stage(timings, Timing::storeMs));
    long[] totals = timings.stream().mapToLong(Timing::totalMs).toArray();
    List<Timing> all = attempts.processingTimings(from, TIMING_SAMPLE);
    Map<String, Long> included = new LinkedHashMap<>();
    for (String outcome : List.of("completed", "failed", "timed_out")) {
      included.put(outcome, all.stream().filter(t -> t.outcome().equals(outcome)).count());
    }
    return new ProcessingTimes(Periods.format(period), from, to, timings.size(), timings.size() >= TIMING_SAMPLE,
        Percentiles.of(totals), stages, Percentiles.of(all.stream().mapToLong(Timing::totalMs).toArray()), included);
  }

  private static Percentiles stage(List<Timing> timings, Function<Timing, Long> field) {
    return Percentiles.of(timings.stream().map(field).filter(v -> v != null).mapToLong(Long::longValue).toArray());
  }

  public record CategoryReport(String category, long count, boolean retryable, String description, Instant lastSeen,
      long deadLetterOpen, List<ErrorExample> examples) {}

  public record ErrorCategories(String period, Instant from, Instant to, long totalErrors, List<CategoryReport> categories) {}

  public ErrorCategories errorCategories(Duration period, int examples) {
    Instant to = clock.instant();
    Instant from = to.minus(period);
    Map<String, Long> open = deadLetters.openByCategory();
    List<CategoryReport> out = new ArrayList<>();
    long total = 0;
    for (CategoryCount cc : attempts.errorCategories(from)) {
      total += cc.count();
      FailureCategory fc = category(cc.category());
      out.add(new CategoryReport(cc.category(), cc.count(), fc != null && fc.retryableByDefault(),
          fc == null ? "" : fc.description(), cc.lastSeen(), open.getOrDefault(cc.category(), 0L),
          attempts.examples(cc.category(), from, examples)));
    }
    return new ErrorCategories(Periods.format(period), from, to, total, out);
  }

  static FailureCategory category(String dbValue) {
    try {
      return FailureCategory.fromDb(dbValue);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
