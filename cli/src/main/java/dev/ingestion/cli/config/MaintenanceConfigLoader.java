package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
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

/** Reads the maintenance section: which jobs run daily and weekly, when, and the cleanup parameters. */
final class MaintenanceConfigLoader {
  private static final MaintenanceConfig D = MaintenanceConfig.defaults();
  static final ConfigDef DEF = new ConfigDef("maintenance", "Scheduled jobs, run by serve/api; times are UTC.");
  private static final ConfigKey<LocalTime> DAILY_AT = DEF.other("daily_at", "time of day", D.dailyAt(),
      D.dailyAt().toString(), "when the daily jobs run", MaintenanceConfigLoader::time);
  private static final ConfigKey<List<MaintenanceJob>> DAILY = DEF.other("daily", "list of jobs", D.daily(),
      ids(D.daily()), "jobs run daily: " + ids(List.of(MaintenanceJob.values())), MaintenanceConfigLoader::jobs);
  private static final ConfigKey<DayOfWeek> WEEKLY_ON = DEF.other("weekly_on", "day of the week", D.weeklyOn(),
      D.weeklyOn().toString().toLowerCase(Locale.ROOT), "the day the weekly jobs run", MaintenanceConfigLoader::day);
  private static final ConfigKey<LocalTime> WEEKLY_AT = DEF.other("weekly_at", "time of day", D.weeklyAt(),
      D.weeklyAt().toString(), "when the weekly jobs run", MaintenanceConfigLoader::time);
  private static final ConfigKey<List<MaintenanceJob>> WEEKLY = DEF.other("weekly", "list of jobs", D.weekly(),
      ids(D.weekly()), "jobs run weekly; a job is listed in daily or weekly, not both", MaintenanceConfigLoader::jobs);
  private static final ConfigKey<Integer> DLQ_CLEANUP_DAYS = DEF.integer("dlq_cleanup_days", D.dlqCleanupDays(), 0,
      36_500, "archive dead-letter items closed this many days ago");
  private static final ConfigKey<Integer> VERSION_CLEANUP_DAYS = DEF.integer("version_cleanup_days",
      D.versionCleanupDays(), 0, 36_500, "delete non-current versions older than this many days...");
  private static final ConfigKey<Integer> VERSION_KEEP_LATEST = DEF.integer("version_keep_latest",
      D.versionKeepLatest(), 1, 10_000, "...beyond the newest of each document");
  private static final ConfigKey<Duration> TEMP_STALE_AFTER = DEF.positiveDuration("temp_stale_after",
      D.tempStaleAfter(), ", e.g. 24h", "ingestion_* temp files with no known owner are removed after this");

  private MaintenanceConfigLoader() {}

  static MaintenanceConfig load(ConfigMap m) {
    DEF.rejectUnknown(m);
    List<MaintenanceJob> daily = DAILY.read(m);
    List<MaintenanceJob> weekly = WEEKLY.read(m);
    for (MaintenanceJob j : daily) {
      if (weekly.contains(j)) {
        throw new ConfigException(m.field("weekly") + ": " + j.id() + " is already in daily; list a job once");
      }
    }
    Duration stale = TEMP_STALE_AFTER.read(m);
    return new MaintenanceConfig(DAILY_AT.read(m), WEEKLY_ON.read(m), WEEKLY_AT.read(m), daily, weekly,
        DLQ_CLEANUP_DAYS.read(m), VERSION_CLEANUP_DAYS.read(m), VERSION_KEEP_LATEST.read(m), stale);
  }

  private static String ids(List<MaintenanceJob> jobs) {
    return "[" + String.join(", ", jobs.stream().map(MaintenanceJob::id).toList()) + "]";
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

  private static DayOfWeek day(ConfigMap m, String key, DayOfWeek fallback) {
    String raw = m.string(key, null);
    try {
      return raw == null ? fallback : DayOfWeek.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.field(key) + ": expected a day of the week such as sunday, got '" + raw + "'");
    }
  }
}
