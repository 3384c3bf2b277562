package dev.ingestion.cli;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.StoreException;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Options every command shares: where the configuration and the database are. */
final class CommonOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "Configuration file (default: ./ingestion.yml if present, else built-in defaults).")
  Path config;

  @Option(names = "--db", paramLabel = "PATH|URL",
      description = "Database: a SQLite file path or a JDBC URL; overrides database.url (default: ./data/ingestion.db).")
  String db;

  IngestionConfig load() {
    Path file = config != null ? config : Path.of("ingestion.yml");
    IngestionConfig cfg = new ConfigLoader(System.getenv()).load(file, config != null);
    if (db != null) {
      String url = db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + db;
      DatabaseConfig d = cfg.database();
      cfg = cfg.withDatabase(new DatabaseConfig(url, d.user(), d.password(), d.minConnections(), d.maxConnections(),
          d.connectionTimeout(), d.idleTimeout(), d.busyTimeout()));
    }
    LogSetup.configure(cfg.logDir(), cfg.logLevel());
    return cfg;
  }

  /**
   * The configured database, for a command that needs one to exist: a SQLite file that is not there is
   * an error naming the path (a typo in --db must not leave a new empty database behind).
   */
  static Database openExisting(IngestionConfig cfg) {
    DatabaseConfig d = cfg.database();
    if (d.isSqlite() && !Files.isRegularFile(Path.of(d.sqlitePath()))) {
      throw new StoreException("no database at " + Path.of(d.sqlitePath()).toAbsolutePath()
          + ": nothing has been ingested there; check --db, --config or database.url", null);
    }
    return Database.open(d, Clock.systemUTC());
  }
}
