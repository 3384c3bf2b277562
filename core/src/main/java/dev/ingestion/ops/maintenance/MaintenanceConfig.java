package dev.ingestion.ops.maintenance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * Which maintenance jobs run daily (at {@code dailyAt}, UTC) and weekly (on {@code weeklyOn} at
 * {@code weeklyAt}, UTC), with the parameters of the cleanup jobs. {@code tempStaleAfter} is how old a
 * temporary file without a known owner must be before a sweep removes it.
 */
public record MaintenanceConfig(LocalTime dailyAt, DayOfWeek weeklyOn, LocalTime weeklyAt, List<MaintenanceJob> daily,
    List<MaintenanceJob> weekly, int dlqCleanupDays, int versionCleanupDays, int versionKeepLatest,
    Duration tempStaleAfter) {

  public MaintenanceConfig {
    daily = List.copyOf(daily);
    weekly = List.copyOf(weekly);
  }

  /** The runbook's daily and weekly maintenance. */
  public static MaintenanceConfig defaults() {
    return new MaintenanceConfig(LocalTime.of(3, 0), DayOfWeek.SUNDAY, LocalTime.of(4, 0),
        List.of(MaintenanceJob.ANALYZE, MaintenanceJob.OPTIMIZE, MaintenanceJob.RETENTION, MaintenanceJob.TEMP_CLEANUP),
        List.of(MaintenanceJob.VACUUM, MaintenanceJob.REINDEX, MaintenanceJob.DLQ_CLEANUP, MaintenanceJob.VERSION_CLEANUP),
        30, 90, 5, Duration.ofDays(1));
  }

  /** "daily", "weekly", or null when the job is not scheduled. */
  public String scheduleOf(MaintenanceJob job) {
    return daily.contains(job) ? "daily" : weekly.contains(job) ? "weekly" : null;
  }

  /** The first time {@code job} is due strictly after {@code after}, or null when it is not scheduled. */
  public Instant nextRun(MaintenanceJob job, Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC);
    if (daily.contains(job)) {
      ZonedDateTime slot = t.with(dailyAt);
      return (slot.isAfter(t) ? slot : slot.plusDays(1)).toInstant();
    }
    if (weekly.contains(job)) {
      ZonedDateTime slot = t.with(TemporalAdjusters.nextOrSame(weeklyOn)).with(weeklyAt);
      return (slot.isAfter(t) ? slot : slot.plusWeeks(1)).toInstant();
    }
    return null;
  }
}
