package dev.ingestion.ops.metrics;

import dev.ingestion.store.StatsRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents processed and failed per hour, for charts. Read from the per-hour attempt counters (one row
 * per hour and outcome), so a month of points costs the same on a million documents as on ten; hours
 * without attempts are present with zeros so a chart's axis is even.
 */
public final class ThroughputSeries {
  /** The most hours one series holds (31 days). */
  public static final int MAX_HOURS = 744;

  private final ActivityCounter activity;
  private final Clock clock;

  public ThroughputSeries(ActivityCounter activity, Clock clock) {
    this.activity = activity;
    this.clock = clock;
  }

  /** One hour: its start, documents processed (completed or unchanged), failed attempts, their ratio. */
  public record Point(Instant hour, long processed, long errors, double errorRate) {}

  /** The series: from the first hour to the current one (included), oldest first. */
  public record Series(Instant from, Instant to, String bucket, List<Point> points) {}

  /** The last {@code period} rounded up to whole hours, the current (partial) hour included. */
  public Series hourly(Duration period) {
    Instant end = clock.instant().truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
    long hours = Math.clamp((period.toMinutes() + 59) / 60, 1, MAX_HOURS);
    Instant start = end.minus(hours, ChronoUnit.HOURS);
    Map<String, Map<String, Long>> perHour = activity.perHour(start, end);
    List<Point> points = new ArrayList<>();
    for (Instant h = start; h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
      Activity a = new Activity(h, h.plus(1, ChronoUnit.HOURS), perHour.getOrDefault(StatsRepository.HOUR.format(h),
          Map.of()), Map.of());
      points.add(new Point(h, a.processed(), a.errors(), Math.round(a.errorRate() * 10_000) / 10_000.0));
    }
    return new Series(start, end, "1h", points);
  }
}
