package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's backup and restore procedure against a database that is being written to. */
@ProcessTest
class BackupRestoreTest {
  @TempDir Path dir;

  private static long count(Path db, String sql) {
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      return d.withConnection(c -> d.sql(c).queryLong(sql));
    }
  }

  private static int quietly(String... args) {
    PrintStream old = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void a_backup_taken_mid_run_restores_consistently_and_resuming_from_it_loses_nothing() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    CrashSafetyTest.writeCorpus(corpus, new Random(11));
    Path live = dir.resolve("data/ingestion.db");
    Process run = CliProcess.start(dir, "ingest", corpus.toString(), "--db", live.toString(), "--no-progress");
    while (run.isAlive() && (!Files.exists(live) || safeCount(live) < 30)) {
      Thread.sleep(20);
    }
    Path backup = dir.resolve("backup.db");
    assertThat(quietly("backup", backup.toString(), "--db", live.toString())).isZero();

    Path restored = dir.resolve("restored/ingestion.db");
    assertThat(quietly("restore", backup.toString(), "--db", restored.toString())).isZero();
    assertThat(quietly("verify", "--db", restored.toString())).isZero();
    assertThat(count(restored, "SELECT count(*) FROM documents")).isEqualTo(count(backup, "SELECT count(*) FROM documents"));

    assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
    Process resume = CliProcess.start(dir, "ingest", corpus.toString(), "--db", restored.toString(), "--no-progress");
    assertThat(resume.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(resume.exitValue()).isZero();
    assertThat(count(restored, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(300);
    assertThat(count(restored, "SELECT count(*) FROM document_versions")).isEqualTo(300);
    assertThat(quietly("verify", "--db", restored.toString())).isZero();
  }

  @Test
  void restore_refuses_to_overwrite_an_existing_database_without_force() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("c"));
    Files.writeString(corpus.resolve("a.txt"), "some text");
    Path db = dir.resolve("live.db");
    assertThat(quietly("ingest", corpus.toString(), "--db", db.toString(), "--no-progress")).isZero();
    Path backup = dir.resolve("b.db");
    assertThat(quietly("backup", backup.toString(), "--db", db.toString())).isZero();
    assertThat(quietly("backup", backup.toString(), "--db", db.toString())).as("backup never overwrites").isNotZero();
    assertThat(quietly("restore", backup.toString(), "--db", db.toString())).isNotZero();
    assertThat(quietly("restore", backup.toString(), "--db", db.toString(), "--force")).isZero();
    assertThat(count(db, "SELECT count(*) FROM documents")).isEqualTo(1);
  }

  private static long safeCount(Path db) {
    try {
      return count(db, "SELECT count(*) FROM documents WHERE status = 'completed'");
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
