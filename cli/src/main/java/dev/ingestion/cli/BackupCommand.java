package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.connectors.s3.S3BackupStore;
import dev.ingestion.connectors.s3.S3Location;
import dev.ingestion.model.IngestionException;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.MaintenanceRepository;
import dev.ingestion.temp.TempFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion backup [FILE] [--to s3://...]}: a consistent copy of the database, checked after it is written. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Write a consistent backup of the database while ingestion keeps running, then verify it.",
        "SQLite: a snapshot copy (VACUUM INTO), checked with PRAGMA integrity_check and row counts.",
        "PostgreSQL: pg_dump to a SQL file (needs the postgresql-client tools).",
        "With --to s3://bucket/prefix/ the backup is uploaded as backup_YYYYMMDD_HHMMSS.db (.sql), the upload"
            + " checked, and only the newest --keep backups under the prefix are kept."},
    footer = {"", "Examples:  ingestion backup backup_$(date +%Y%m%d).db",
        "           ingestion backup --to s3://ingestion-backups/daily/ --keep 30"})
final class BackupCommand implements Callable<Integer> {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  @Mixin CommonOptions common;
  @Mixin S3Options s3;

  @Parameters(paramLabel = "FILE", arity = "0..1", description = "Backup file to create (must not exist); optional with --to.")
  Path file;

  @Option(names = "--to", paramLabel = "s3://BUCKET/PREFIX/", description = "Also upload the backup below this S3 prefix.")
  String to;

  @Option(names = "--keep", paramLabel = "N", description = "With --to: keep only the newest N backups under the prefix.")
  Integer keep;

  @Override
  public Integer call() throws IOException {
    IngestionConfig cfg = common.load();
    if (file == null && to == null) {
      throw new IngestionException("give a backup FILE, --to s3://bucket/prefix/, or both");
    }
    if (keep != null && (to == null || keep < 1)) {
      throw new IngestionException("--keep needs --to and a count of at least 1");
    }
    S3Location target = to == null ? null : S3Location.parse(to);
    if (target != null && target.name() != null) {
      throw new IngestionException("--to takes a prefix ending with '/', e.g. s3://bucket/" + target.prefix());
    }
    if (file != null && Files.exists(file)) {
      throw new IngestionException(file + " already exists; choose a new name");
    }
    String name = "backup_" + STAMP.format(Clock.systemUTC().instant()) + (cfg.database().isPostgres() ? ".sql" : ".db");
    Path folder = file == null ? TempFiles.createDirectory(cfg.pipeline().isolation().tempDir(), "backup") : null;
    try {
      Path local = file != null ? file : folder.resolve(name);
      int status = write(cfg, local);
      if (status == 0 && target != null) {
        upload(target, local, name);
      }
      return status;
    } finally {
      TempFiles.delete(folder);
    }
  }

  private static int write(IngestionConfig cfg, Path local) {
    if (cfg.database().isPostgres()) {
      PgTools.dump(cfg.database(), local);
      System.out.printf("backup written: %s (%,d bytes, pg_dump)%n", local, size(local));
      return 0;
    }
    try (Database db = CommonOptions.openExisting(cfg)) {
      new MaintenanceRepository(db).backupSqlite(local);
    }
    return verify(local);
  }

  private void upload(S3Location target, Path local, String name) {
    try (S3BackupStore store = s3.open(target)) {
      S3BackupStore.Stored stored = store.upload(local, name);
      System.out.printf("uploaded: %s (%,d bytes, size and checksum match)%n", stored.url(target.bucket()), stored.size());
      if (keep != null) {
        List<String> deleted = store.prune(keep);
        System.out.printf("retention: keeping the newest %d backup(s) under %s; deleted %d%n", keep, target,
            deleted.size());
      }
    }
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
    } catch (IOException e) {
      return -1;
    }
  }
}
