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
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ingestion restore FILE | --from s3://...}: replaces the database with a backup, refusing to clobber a live one. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restore the database from a backup made by 'ingestion backup': a FILE, or one downloaded with"
        + " --from s3://bucket/prefix/NAME (the newest backup_* under the prefix when the address ends with '/').",
        "The backup is checked first. An existing database is replaced only with --force, and never while"
        + " ingestion services are running (a worker heartbeat in the last two minutes): stop them first"
        + " (systemctl stop ingestion-api ingestion-worker)."})
final class RestoreCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Mixin S3Options s3;

  @Parameters(paramLabel = "FILE", arity = "0..1",
      description = "Backup file (SQLite .db, or .sql from pg_dump for PostgreSQL); or use --from.")
  Path file;

  @Option(names = "--from", paramLabel = "s3://BUCKET/PREFIX/[NAME]", description = "Download the backup from S3 first.")
  String from;

  @Option(names = "--force", description = "Replace an existing database.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    IngestionConfig cfg = common.load();
    if ((file == null) == (from == null)) {
      throw new IngestionException("give either a backup FILE or --from s3://bucket/prefix/[name]");
    }
    if (from == null) {
      return restore(cfg, file);
    }
    S3Location source = S3Location.parse(from);
    Path folder = TempFiles.createDirectory(cfg.pipeline().isolation().tempDir(), "restore");
    try (S3BackupStore store = s3.open(source)) {
      Path local = folder.resolve(source.name() != null ? source.name() : "backup");
      S3BackupStore.Stored got = store.download(source.name(), local);
      System.out.printf("downloaded: %s (%,d bytes)%n", got.url(source.bucket()), got.size());
      return restore(cfg, local);
    } finally {
      TempFiles.delete(folder);
    }
  }

  private Integer restore(IngestionConfig cfg, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IngestionException("backup file " + file + " does not exist");
    }
    if (cfg.database().isPostgres()) {
      PgTools.restore(cfg.database(), file);
      System.out.println("restored " + file + " into " + cfg.database().url());
      return 0;
    }
    checkBackup(file);
    Path target = Path.of(cfg.database().sqlitePath());
    if (Files.exists(target)) {
      refuseLive(cfg.database(), target);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = target.resolveSibling(target.getFileName() + ".restoring");
    Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(Path.of(target + "-wal"));
    Files.deleteIfExists(Path.of(target + "-shm"));
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    System.out.println("restored " + file + " to " + target);
    return BackupCommand.verify(target);
  }

  private static void checkBackup(Path file) {
    try (Database copy = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + file), Clock.systemUTC())) {
      List<String> problems = new MaintenanceRepository(copy).problems();
      if (!problems.isEmpty()) {
        throw new IngestionException("backup " + file + " failed its checks, not restoring: " + problems);
      }
    }
  }

  private void refuseLive(DatabaseConfig cfg, Path target) {
    if (!force) {
      throw new IngestionException(target + " exists; add --force to replace it (stop the services first)");
    }
    try (Database live = Database.open(cfg, Clock.systemUTC())) {
      long running = new MaintenanceRepository(live).liveWorkers(live.now().minus(Duration.ofMinutes(2)));
      if (running > 0) {
        throw new IngestionException(running + " ingestion process(es) are using " + target
            + " (heartbeat in the last 2 minutes); stop them before restoring");
      }
    }
  }
}
