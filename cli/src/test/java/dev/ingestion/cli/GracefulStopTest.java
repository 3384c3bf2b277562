package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code systemctl stop} and Ctrl-C on a real ingest over real multi-page PDFs: the run stops within the
 * shutdown grace, prints its summary, blames no document (no dead letter, no attempt charged), and the
 * next run completes everything. Ctrl-C is sent as a terminal sends it, to the command and to each of
 * its parser children (the whole process group).
 */
@ProcessTest
class GracefulStopTest {
  private static final int DOCS = 100;
  /** The default pipeline.shutdown_grace. */
  private static final long GRACE_SECONDS = 30;

  @TempDir Path dir;

  @Test
  void sigterm_and_ctrl_c_mid_run_lose_nothing_blame_no_document_and_the_next_run_finishes() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    writePdfs(corpus, new Random(11));
    Path db = dir.resolve("data/ingestion.db");
    String[] args = {"ingest", corpus.toString(), "--db", db.toString(), "--no-progress", "--concurrency", "2"};

    Process first = CliProcess.start(dir, args);
    Processes.awaitFinished(db, 4, first);
    first.destroy(); // SIGTERM
    assertStoppedCleanly(first, 143);
    // counted after the first run has drained: the second is signalled only once it has done work of its own
    long before = Processes.finished(db);
    assertThat(before).as("the first run stopped with most of the work left for the second").isLessThan(DOCS / 2);

    Process second = CliProcess.startInterruptible(dir, args);
    Processes.awaitFinished(db, before + 3, second);
    List<ProcessHandle> group = new ArrayList<>(second.descendants().toList());
    group.add(0, second.toHandle());
    for (ProcessHandle p : group) {
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
    }
    assertStoppedCleanly(second, 130);
    Processes.awaitGone(group);

    Process third = CliProcess.start(dir, args);
    assertThat(third.waitFor(180, TimeUnit.SECONDS)).as("third run finishes").isTrue();
    assertThat(third.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    try (Database d = open(db)) {
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
          + " GROUP BY document_id HAVING count(*) <> 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM attempts WHERE outcome <> 'completed'")).isZero();
    }
  }

  private void assertStoppedCleanly(Process p, int exitCode) throws IOException, InterruptedException {
    assertThat(p.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)).as("exits within the shutdown grace").isTrue();
    String out = Files.readString(dir.resolve("stdout.txt"));
    String err = Files.readString(dir.resolve("stderr.txt"));
    assertThat(p.exitValue()).as(err).isEqualTo(exitCode);
    assertThat(out).as(err).contains("completed", "dead-letter 0", "stopped     by a signal");
    try (Database d = open(dir.resolve("data/ingestion.db"))) {
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isZero();
      String blamed = d.withConnection(c -> String.join("\n", d.sql(c).query(
          "SELECT outcome, category, stage, message FROM attempts WHERE outcome <> 'completed'",
          rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + ": " + rs.getString(4))));
      assertThat(blamed).as("no attempt blamed").isEmpty();
      assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status = 'leased'")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'processing'")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status <> 'completed' AND attempts > 0")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status = 'queued' AND attempts > 0")).isZero();
    }
  }

  private static void writePdfs(Path corpus, Random random) throws IOException {
    String[] words = "ledger invoice policy retention schema archive payroll audit vendor contract quarter region"
        .split(" ");
    for (int i = 0; i < DOCS; i++) {
      List<String> pages = new ArrayList<>();
      for (int p = 0; p < 8; p++) {
        StringBuilder text = new StringBuilder("Report " + i + " page " + (p + 1) + ". ");
        for (int w = 0; w < 400; w++) {
          text.append(words[random.nextInt(words.length)]).append(w % 14 == 13 ? ". " : " ");
        }
        pages.add(text.toString());
      }
      Documents.pdf(corpus.resolve("report-" + i + ".pdf"), pages);
    }
  }

  private static Database open(Path db) {
    return Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC());
  }
}
