package dev.ingestion.ops.reports;

import dev.ingestion.ops.Periods;
import dev.ingestion.ops.metrics.Activity;
import dev.ingestion.ops.metrics.StatsService;
import dev.ingestion.ops.metrics.StatsService.ErrorCategories;
import dev.ingestion.ops.metrics.StatsService.ProcessingTimes;
import dev.ingestion.ops.metrics.StatsService.Throughput;
import dev.ingestion.store.DocumentQueries;
import dev.ingestion.store.DocumentQueries.DocumentSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The weekly performance report: throughput, latency per stage, errors, slowest documents, trends. */
public final class PerformanceReport {
  private final StatsService stats;
  private final DocumentQueries documents;
  private final Clock clock;

  public PerformanceReport(StatsService stats, DocumentQueries documents, Clock clock) {
    this.stats = stats;
    this.documents = documents;
    this.clock = clock;
  }

  public record Volume(long processed, long failed, long bytesProcessed, Throughput throughput) {}

  public record DayRow(String date, long processed, long errors, double errorRate) {}

  public record Trend(long processedPrevious, long processedCurrent, Double processedChangePercent,
      double errorRatePrevious, double errorRateCurrent, double errorRateChangePoints) {}

  public record Report(Instant generatedAt, String period, Instant from, Instant to, Volume volume,
      ProcessingTimes latency, StatsService.ErrorRate errors, ErrorCategories errorCategories,
      List<DocumentSummary> slowestDocuments, List<DayRow> daily, Trend trend) {}

  public Report generate(Duration period) {
    Instant to = clock.instant();
    Instant from = to.minus(period);
    Activity now = stats.activityCounter().between(from, to);
    Activity before = stats.activityCounter().between(from.minus(period), from);
    Volume volume = new Volume(now.processed(), now.errors(), now.processedBytes(), throughput(now));
    Double change = before.processed() == 0 ? null
        : Math.round(1000.0 * (now.processed() - before.processed()) / before.processed()) / 10.0;
    Trend trend = new Trend(before.processed(), now.processed(), change, round(before.errorRate()),
        round(now.errorRate()), Math.round((now.errorRate() - before.errorRate()) * 10_000) / 100.0);
    return new Report(to, Periods.format(period), from, to, volume, stats.processingTimes(period),
        stats.errorRate(period), stats.errorCategories(period, 2), documents.slowest(0, 10), daily(from, to), trend);
  }

  private List<DayRow> daily(Instant from, Instant to) {
    Map<String, long[]> days = new TreeMap<>();
    Instant start = from.truncatedTo(ChronoUnit.HOURS);
    stats.activityCounter().perHour(start, to.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS))
        .forEach((hour, outcomes) -> {
          long[] d = days.computeIfAbsent(hour.substring(0, 10), k -> new long[2]);
          d[0] += outcomes.getOrDefault("completed", 0L) + outcomes.getOrDefault("unchanged", 0L);
          d[1] += outcomes.getOrDefault("retry_scheduled", 0L) + outcomes.getOrDefault("dead_letter", 0L)
              + outcomes.getOrDefault("abandoned", 0L);
        });
    List<DayRow> out = new ArrayList<>();
    days.forEach((day, d) -> out.add(new DayRow(day, d[0], d[1], d[0] + d[1] == 0 ? 0 : round((double) d[1] / (d[0] + d[1])))));
    return out;
  }

  private static Throughput throughput(Activity a) {
    double seconds = Math.max(1, a.length().toSeconds());
    return new Throughput(Math.round(a.processed() * 360_000 / seconds) / 100.0,
        Math.round(a.processed() * 6_000 / seconds) / 100.0, Math.round(a.processedBytes() * 100 / seconds) / 100.0);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
