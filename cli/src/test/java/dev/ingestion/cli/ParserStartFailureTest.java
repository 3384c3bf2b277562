package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ingestion ingest} whose parser processes cannot start, because the configuration gives them
 * a JVM option the JVM refuses: the run stops at once with exit 1 and one line that quotes the JVM's error
 * and names the setting, no document is dead-lettered or charged an attempt, and the run after the setting
 * is mended finishes everything with one attempt each.
 */
@ProcessTest
class ParserStartFailureTest {
  private static final int DOCS = 20;

  @TempDir Path dir;

  @Test
  void a_child_option_the_jvm_refuses_stops_the_run_with_the_reason_and_blames_no_document() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    for (int i = 0; i < DOCS; i++) {
      Documents.text(corpus.resolve("note-" + i + ".txt"), List.of(("Note " + i + " on parser settings. ").repeat(20)));
    }
    Path config = dir.resolve("broken.yml");
    Files.writeString(config, """
        pipeline:
          parse:
            child_java_options: ["-XX:+NoSuchOptionForTheTest"]
        """);
    Path db = dir.resolve("data/ingestion.db");

    Process broken = CliProcess.start(dir, "ingest", corpus.toString(), "--db", db.toString(), "--config",
        config.toString(), "--no-progress");
    assertThat(broken.waitFor(120, TimeUnit.SECONDS)).as("the run stops by itself").isTrue();
    String out = Files.readString(dir.resolve("stdout.txt"));
    assertThat(broken.exitValue()).as(out + Files.readString(dir.resolve("stderr.txt"))).isEqualTo(1);
    assertThat(out)
        .contains("error       parsing stopped, no parser process could start: a parser process exited before it"
            + " was ready (exit 1): Unrecognized VM option 'NoSuchOptionForTheTest'")
        .contains("check pipeline.parse.child_java_options")
        .contains("job(s) still queued (no document blamed, no attempt counted)")
        .contains("dead-letter 0");
    try (Database d = open(db)) {
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM attempts")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status = 'queued' AND attempts = 0")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'pending'")).isEqualTo(DOCS);
    }

    Process mended = CliProcess.start(dir, "ingest", corpus.toString(), "--db", db.toString(), "--no-progress");
    assertThat(mended.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(mended.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    try (Database d = open(db)) {
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM attempts")).isEqualTo(DOCS);
    }
  }

  private static Database open(Path db) {
    return Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC());
  }
}
