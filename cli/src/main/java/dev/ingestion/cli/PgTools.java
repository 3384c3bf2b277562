package dev.ingestion.cli;

import dev.ingestion.model.IngestionException;
import dev.ingestion.store.DatabaseConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs PostgreSQL's own client tools (pg_dump, psql) against the configured database. */
final class PgTools {
  private PgTools() {}

  record Target(String host, int port, String database) {}

  static Target target(DatabaseConfig cfg) {
    URI uri = URI.create(cfg.url().substring("jdbc:".length()));
    String db = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new Target(uri.getHost() == null ? "localhost" : uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), db);
  }

  static void dump(DatabaseConfig cfg, Path file) {
    Target t = target(cfg);
    run(cfg, List.of("pg_dump", "-h", t.host(), "-p", String.valueOf(t.port()), "-U", user(cfg), "-d", t.database(),
        "--no-owner", "-f", file.toString()));
  }

  static void restore(DatabaseConfig cfg, Path file) {
    Target t = target(cfg);
    run(cfg, List.of("psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", t.host(), "-p", String.valueOf(t.port()), "-U",
        user(cfg), "-d", t.database(), "-f", file.toString()));
  }

  private static String user(DatabaseConfig cfg) {
    return cfg.user() == null ? System.getProperty("user.name") : cfg.user();
  }

  private static void run(DatabaseConfig cfg, List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
    if (cfg.password() != null) {
      pb.environment().put("PGPASSWORD", cfg.password());
    }
    try {
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(6, TimeUnit.HOURS) || p.exitValue() != 0) {
        throw new IngestionException(cmd.get(0) + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new IngestionException(cmd.get(0) + " is not installed or not on PATH (install the postgresql-client package): "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestionException(cmd.get(0) + " was interrupted", e);
    }
  }
}
