package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's maintenance commands that docs/operations.md maps onto the CLI, run in-process as an
 * operator would, and their --help saying what the docs say.
 */
@ProcessTest
class RunbookCommandsTest extends InProcessCli {
  @TempDir Path dir;

  @Test
  void db_maintain_analyzes_compacts_and_applies_retention() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("c"));
    Files.writeString(corpus.resolve("a.txt"), "a document to maintain");
    Path db = dir.resolve("live.db");
    assertThat(run("ingest", corpus.toString(), "--db", db.toString(), "--no-progress")).isZero();
    assertThat(run("db", "maintain", "--db", db.toString())).as(out).isZero();
    assertThat(out).contains("retention: deleted").contains("ANALYZE", "PRAGMA optimize", "VACUUM");
  }

  @Test
  void a_backup_says_it_verified_integrity_and_the_document_count() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("c"));
    Files.writeString(corpus.resolve("a.txt"), "one");
    Files.writeString(corpus.resolve("b.txt"), "two");
    Path db = dir.resolve("live.db");
    assertThat(run("ingest", corpus.toString(), "--db", db.toString(), "--no-progress")).isZero();
    assertThat(run("backup", dir.resolve("backup_20260301.db").toString(), "--db", db.toString())).isZero();
    assertThat(out).contains("verified: integrity ok, 2 documents");
  }

  @Test
  void backup_and_restore_help_describe_the_off_site_options() {
    for (String command : List.of("backup", "restore")) {
      assertThat(run(command, "--help")).isZero();
      assertThat(out).contains("s3://", "--s3-endpoint", "--s3-region");
    }
    run("backup", "--help");
    assertThat(out).contains("--to", "--keep");
    run("restore", "--help");
    assertThat(out).contains("--from");
  }
}
