package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.EmbeddedPostgres;
import dev.ingestion.testkit.tags.PostgresTest;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ingestion report database} on SQLite and on PostgreSQL without pg_stat_statements, in-process. */
@PostgresTest
@ProcessTest
class DatabaseReportCommandTest extends InProcessCli {
  @TempDir Path dir;

  @Test
  void on_sqlite_it_prints_pages_free_pages_the_wal_and_the_largest_tables() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("c"));
    Files.writeString(corpus.resolve("a.txt"), "a document to report on");
    Path db = dir.resolve("live.db");
    assertThat(run("ingest", corpus.toString(), "--db", db.toString(), "--no-progress")).isZero();
    assertThat(run("report", "database", "--db", db.toString(), "--top", "3")).as(out).isZero();
    assertThat(out).contains("database sqlite", "free pages", "WAL", "SQLite keeps no statement statistics",
        "largest tables and indexes:", "last successful maintenance:", "analyze   never");
  }

  @Test
  void on_postgresql_without_the_extension_it_says_how_to_enable_it() {
    assertThat(run("report", "database", "--db", EmbeddedPostgres.newDatabase())).as(out).isZero();
    assertThat(out).contains("database postgresql", "pg_stat_statements is not available",
        "CREATE EXTENSION pg_stat_statements", "connections to this database by state", "locks waiting: 0",
        "documents");
  }

  @Test
  void help_says_what_the_report_shows() {
    assertThat(run("report", "database", "--help")).isZero();
    assertThat(out).contains("pg_stat_statements", "free pages", "WAL", "--top");
  }
}
