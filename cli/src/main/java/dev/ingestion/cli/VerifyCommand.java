package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.MaintenanceRepository;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ingestion verify}: integrity and consistency checks, with row counts. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check the database: PRAGMA integrity_check (SQLite), orphan chunks and versions, documents whose"
        + " state disagrees with the queue. Prints row counts. Exit status 1 when a problem is found."})
final class VerifyCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Override
  public Integer call() {
    IngestionConfig cfg = common.load();
    try (Database db = CommonOptions.openExisting(cfg)) {
      MaintenanceRepository m = new MaintenanceRepository(db);
      m.counts().forEach((table, n) -> System.out.printf("%-18s %,d%n", table, n));
      List<String> problems = m.problems();
      if (problems.isEmpty()) {
        System.out.println("ok: no problems found");
        return 0;
      }
      problems.forEach(p -> System.out.println("PROBLEM: " + p));
      return Main.EXIT_FATAL;
    }
  }
}
