package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.MaintenanceRepository;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingestion db maintain}: statistics, compaction and retention. */
@Command(name = "db", mixinStandardHelpOptions = true, description = "Database maintenance.",
    subcommands = DbCommand.Maintain.class)
final class DbCommand {
  @Command(name = "maintain", mixinStandardHelpOptions = true,
      description = "Refresh statistics and compact (SQLite: ANALYZE, PRAGMA optimize, VACUUM; PostgreSQL:"
          + " VACUUM ANALYZE) and apply retention: metrics older than --metrics-days, health checks older than"
          + " --health-days.")
  static final class Maintain implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--metrics-days", defaultValue = "30", description = "Keep metric samples this many days (default 30).")
    int metricsDays;

    @Option(names = "--health-days", defaultValue = "7", description = "Keep health checks this many days (default 7).")
    int healthDays;

    @Override
    public Integer call() {
      IngestionConfig cfg = common.load();
      try (Database db = CommonOptions.openExisting(cfg)) {
        MaintenanceRepository m = new MaintenanceRepository(db);
        var deleted = m.retention(db.now().minus(Duration.ofDays(metricsDays)), db.now().minus(Duration.ofDays(healthDays)));
        System.out.println("retention: deleted " + deleted);
        System.out.println("done: " + String.join(", ", m.optimize()));
      }
      return 0;
    }
  }
}
