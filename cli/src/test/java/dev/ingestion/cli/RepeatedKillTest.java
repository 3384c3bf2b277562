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
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process SIGKILLed several times at random moments during one run (with the default parser
 * isolation, so parser children are orphaned each time), then a final run: every document is completed
 * or dead-lettered exactly once, no chunk is duplicated, the reconciliation balances and no parser child
 * outlives its worker. The seed is printed; set -Dkill.seed=N to replay a run.
 */
@ProcessTest
class RepeatedKillTest {
  private static final int KILLS = 4;

  @TempDir Path dir;

  @Test
  void four_sigkills_at_random_moments_lose_nothing_and_duplicate_nothing() throws Exception {
    long seed = Long.getLong("kill.seed", System.nanoTime());
    System.out.println("RepeatedKillTest seed " + seed + " (replay with -Dkill.seed=" + seed + ")");
    Random random = new Random(seed);
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    CrashSafetyTest.writeCorpus(corpus, new Random(11));
    Documents.corruptPdf(corpus.resolve("broken.pdf"));
    Documents.empty(corpus.resolve("empty.txt"));
    Documents.encryptedPdf(corpus.resolve("locked.pdf"));
    int total = 303;
    Path db = dir.resolve("data/ingestion.db");
    String[] args = {"ingest", corpus.toString(), "--db", db.toString(), "--no-progress", "--concurrency", "2"};

    long before = 0;
    for (int k = 0; k < KILLS; k++) {
      Process run = CliProcess.start(dir, args);
      long finished = Processes.awaitFinished(db, before + 1 + random.nextInt(10), run);
      // Short enough that four kills land before a fast machine finishes the corpus (one parser process
      // parses about 150 of these small documents a second).
      long delay = random.nextInt(200);
      Thread.sleep(delay);
      List<ProcessHandle> children = run.descendants().toList();
      run.destroyForcibly();
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
      System.out.printf("kill %d: %d ms after %d documents had finished; %d parser children orphaned%n", k + 1, delay,
          finished, children.size());
      Processes.awaitGone(children);
      before = Processes.finished(db);
    }
    assertThat(before).as("the kills came before the end of the run").isLessThan(total);

    Process last = CliProcess.start(dir, args);
    assertThat(last.waitFor(300, TimeUnit.SECONDS)).as("final run finishes").isTrue();
    assertThat(last.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      assertThat(Processes.count(d, "SELECT count(*) FROM documents")).isEqualTo(total);
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status NOT IN ('completed', 'dead_letter')")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'dead_letter'")).isEqualTo(3);
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM attempts WHERE outcome = 'completed'"
          + " GROUP BY document_id HAVING count(*) <> 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id FROM dead_letters"
          + " GROUP BY document_id HAVING count(*) <> 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM dead_letters")).isEqualTo(3);
      assertThat(Processes.count(d, "SELECT count(*) FROM document_versions")).isEqualTo(total - 3);
      assertThat(Processes.count(d, "SELECT count(*) FROM chunks")).isEqualTo(Processes.count(d, "SELECT sum(chunk_count) FROM document_versions"));
      assertThat(Processes.count(d, "SELECT count(*) FROM (SELECT document_id, content_hash, start_offset FROM chunks"
          + " GROUP BY document_id, content_hash, start_offset HAVING count(*) > 1)")).isZero();
      assertThat(Processes.count(d, "SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')")).isZero();
    }
    Process report = CliProcess.start(dir, "report", "reconcile", "--db", db.toString());
    assertThat(report.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = Files.readString(dir.resolve("stdout.txt"));
    assertThat(report.exitValue()).as(out).isZero();
    assertThat(out).contains("discovered     303", "completed      300", "dead-lettered  3", "difference     0", "balanced");
  }
}
