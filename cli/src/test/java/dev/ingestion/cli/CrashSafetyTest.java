package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim behind "crash-safe": a real ingest process killed with SIGKILL mid-run loses nothing, and a
 * second run finishes the job with every document completed exactly once and no chunk duplicated.
 */
@ProcessTest
class CrashSafetyTest {
  private static final int DOCS = 300;

  @TempDir Path dir;

  @Test
  void a_run_killed_with_sigkill_is_finished_by_the_next_run_exactly_once() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    writeCorpus(corpus, new Random(42));
    Path db = dir.resolve("data/ingestion.db");
    String[] args = {"ingest", corpus.toString(), "--db", db.toString(), "--no-progress", "--concurrency", "4"};

    Process first = CliProcess.start(dir, args);
    long completedAtKill = Processes.awaitFinished(db, 40, first);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).isNotZero();
    assertThat(completedAtKill).isLessThan(DOCS);

    Process second = CliProcess.start(dir, args);
    assertThat(second.waitFor(240, TimeUnit.SECONDS)).as("second run finishes").isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      assertThat(Processes.count(d, "SELECT count(*) FROM documents")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM document_versions")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE version_count <> 1")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
          + " GROUP BY document_id HAVING count(*) <> 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(DISTINCT document_id) FROM attempts WHERE outcome = 'completed'")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM chunks")).isEqualTo(Processes.count(d, "SELECT sum(chunk_count) FROM document_versions"));
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id, content_hash, start_offset FROM chunks"
          + " GROUP BY document_id, content_hash, start_offset HAVING count(*) > 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
    }
  }

  @Test
  void sigterm_drains_and_hands_unfinished_work_back_to_the_queue() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    writeCorpus(corpus, new Random(7));
    Path db = dir.resolve("data/ingestion.db");
    Process run = CliProcess.start(dir, "ingest", corpus.toString(), "--db", db.toString(), "--no-progress");
    Processes.awaitFinished(db, 20, run);
    run.destroy();
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("exits after draining").isTrue();
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status = 'leased'")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'processing'")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM workers WHERE stopped_at IS NULL")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM attempts WHERE outcome = 'abandoned'")).isZero();
    }
  }

  static void writeCorpus(Path corpus, Random random) throws IOException {
    String[] words = "ledger invoice policy retention schema archive payroll audit vendor contract quarter region"
        .split(" ");
    for (int i = 0; i < DOCS; i++) {
      StringBuilder text = new StringBuilder();
      int paragraphs = 3 + random.nextInt(20);
      for (int p = 0; p < paragraphs; p++) {
        for (int w = 0; w < 40 + random.nextInt(80); w++) {
          text.append(words[random.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
        }
        text.append("document ").append(i).append(" paragraph ").append(p).append(".\n\n");
      }
      Path folder = Files.createDirectories(corpus.resolve("part-" + (i % 7)));
      switch (i % 3) {
        case 0 -> Files.writeString(folder.resolve("doc-" + i + ".txt"), text);
        case 1 -> Files.writeString(folder.resolve("doc-" + i + ".md"), "# Document " + i + "\n\n" + text);
        default -> Files.writeString(folder.resolve("doc-" + i + ".html"),
            "<html><head><title>Doc " + i + "</title></head><body><h1>Doc " + i + "</h1><p>"
                + text.toString().replace("\n\n", "</p><p>") + "</p></body></html>");
      }
    }
  }
}
