package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.maintenance.MaintenanceConfig;
import dev.ingestion.ops.maintenance.MaintenanceJob;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the maintenance section: which jobs run daily and weekly, when, and the cleanup parameters. */
final class MaintenanceConfigLoader {
  private static final Set<String> KEYS = Set.of("daily", "weekly", "daily_at", "weekly_on", "weekly_at",
      "dlq_cleanup_days", "version_cleanup_days", "version_keep_latest", "temp_stale_after");

  private MaintenanceConfigLoader() {}

  static MaintenanceConfig load(ConfigMap m) {
    m.rejectUnknown(KEYS);
    MaintenanceConfig d = MaintenanceConfig.defaults();
    List<MaintenanceJob> daily = jobs(m, "daily", d.daily());
    List<MaintenanceJob> weekly = jobs(m, "weekly", d.weekly());
    for (MaintenanceJob j : daily) {
      if (weekly.contains(j)) {
        throw new ConfigException(m.field("weekly") + ": " + j.id() + " is already in daily; list a job once");
      }
    }
    Duration stale = m.duration("temp_stale_after", d.tempStaleAfter());
    if (stale.isNegative() || stale.isZero()) {
      throw new ConfigException(m.field("temp_stale_after") + ": must be more than zero, e.g. 24h");
    }
    return new MaintenanceConfig(time(m, "daily_at", d.dailyAt()), day(m, d.weeklyOn()), time(m, "weekly_at",
        d.weeklyAt()), daily, weekly, m.integer("dlq_cleanup_days", d.dlqCleanupDays(), 0, 36_500),
        m.integer("version_cleanup_days", d.versionCleanupDays(), 0, 36_500),
        m.integer("version_keep_latest", d.versionKeepLatest(), 1, 10_000), stale);
  }

  private static List<MaintenanceJob> jobs(ConfigMap m, String key, List<MaintenanceJob> fallback) {
    if (!m.has(key)) {
      return fallback;
    }
    List<MaintenanceJob> out = new ArrayList<>();
    for (String id : m.strings(key, List.of())) {
      MaintenanceJob j = MaintenanceJob.of(id.trim().toLowerCase(Locale.ROOT));
      if (j == null) {
        throw new ConfigException(m.field(key) + ": unknown job '" + id + "'; jobs: "
            + String.join(", ", Arrays.stream(MaintenanceJob.values()).map(MaintenanceJob::id).toList()));
      }
      out.add(j);
    }
    return out;
  }

  private static LocalTime time(ConfigMap m, String key, LocalTime fallback) {
    String raw = m.string(key, null);
    try {
      return raw == null ? fallback : LocalTime.parse(raw.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(m.field(key) + ": expected a UTC time of day such as 03:00, got '" + raw + "'");
    }
  }

  private static DayOfWeek day(ConfigMap m, DayOfWeek fallback) {
    String raw = m.string("weekly_on", null);
    try {
      return raw == null ? fallback : DayOfWeek.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.field("weekly_on") + ": expected a day of the week such as sunday, got '" + raw + "'");
    }
  }
}
