package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.IngestionException;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.MaintenanceRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ingestion backup FILE}: a consistent copy of the database, checked after it is written. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Write a consistent backup of the database while ingestion keeps running, then verify it.",
        "SQLite: a snapshot copy (VACUUM INTO), checked with PRAGMA integrity_check and row counts.",
        "PostgreSQL: pg_dump to a SQL file (needs the postgresql-client tools)."},
    footer = {"", "Example:  ingestion backup backup_$(date +%Y%m%d).db"})
final class BackupCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(paramLabel = "FILE", description = "Backup file to create (must not exist).")
  Path file;

  @Override
  public Integer call() {
    IngestionConfig cfg = common.load();
    if (Files.exists(file)) {
      throw new IngestionException(file + " already exists; choose a new name");
    }
    if (cfg.database().isPostgres()) {
      PgTools.dump(cfg.database(), file);
      System.out.printf("backup written: %s (%,d bytes, pg_dump)%n", file, size(file));
      return 0;
    }
    try (Database db = Database.open(cfg.database(), Clock.systemUTC())) {
      new MaintenanceRepository(db).backupSqlite(file);
    }
    return verify(file);
  }

  static int verify(Path sqliteFile) {
    try (Database copy = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + sqliteFile), Clock.systemUTC())) {
      MaintenanceRepository m = new MaintenanceRepository(copy);
      List<String> problems = m.problems();
      Map<String, Long> counts = m.counts();
      System.out.printf("backup written: %s (%,d bytes)%n", sqliteFile, size(sqliteFile));
      System.out.printf("verified: %s, %,d documents, %,d chunks%n",
          problems.isEmpty() ? "integrity ok" : "PROBLEMS " + problems, counts.get("documents"), counts.get("chunks"));
      return problems.isEmpty() ? 0 : Main.EXIT_FATAL;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
