package dev.ingestion.ops.maintenance;

import dev.ingestion.ops.OpsConfig.RetentionConfig;
import dev.ingestion.ops.dlq.DeadLetterService;
import dev.ingestion.ops.versions.VersionCleanupService;
import dev.ingestion.store.DatabaseUpkeep;
import dev.ingestion.store.MaintenanceRepository;
import dev.ingestion.temp.TempFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What each maintenance job does; returns what it did, for the run's record. */
public final class MaintenanceTasks {
  /** What the jobs work on. */
  public record Targets(DatabaseUpkeep upkeep, MaintenanceRepository maintenance, DeadLetterService deadLetters,
      VersionCleanupService versions, RetentionConfig retention, Path tempDir) {}

  private final Targets t;
  private final MaintenanceConfig config;
  private final Clock clock;

  public MaintenanceTasks(Targets targets, MaintenanceConfig config, Clock clock) {
    this.t = targets;
    this.config = config;
    this.clock = clock;
  }

  public Map<String, Object> run(MaintenanceJob job) {
    Instant now = clock.instant();
    return switch (job) {
      case ANALYZE -> statement(t.upkeep().analyze(), null);
      case OPTIMIZE -> statement(t.upkeep().optimize(), "SQLite only (PostgreSQL: the vacuum job analyzes)");
      case VACUUM -> statement(t.upkeep().vacuum(), "PostgreSQL only (SQLite: run 'ingestion db maintain' when quiet)");
      case REINDEX -> statement(t.upkeep().reindex(), "PostgreSQL only");
      case RETENTION -> Map.of("deleted", t.maintenance().retention(now.minus(t.retention().metrics()),
          now.minus(t.retention().healthChecks())));
      case DLQ_CLEANUP -> Map.of("archived", t.deadLetters().cleanup(config.dlqCleanupDays()).archived(),
          "days_old", config.dlqCleanupDays());
      case VERSION_CLEANUP -> versions();
      case TEMP_CLEANUP -> temp(now);
    };
  }

  private static Map<String, Object> statement(String ran, String skippedBecause) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (ran != null) {
      out.put("statement", ran);
    } else {
      out.put("skipped", skippedBecause);
    }
    return out;
  }

  private Map<String, Object> versions() {
    var r = t.versions().cleanup(config.versionCleanupDays(), config.versionKeepLatest(), false);
    return Map.of("versions_deleted", r.versionsDeleted(), "days_old", config.versionCleanupDays(),
        "keep_latest", config.versionKeepLatest());
  }

  private Map<String, Object> temp(Instant now) {
    TempFiles.Sweep s = TempFiles.sweep(t.tempDir(), config.tempStaleAfter(), now);
    return Map.of("removed", s.removed(), "dir", s.dir().toString());
  }
}
