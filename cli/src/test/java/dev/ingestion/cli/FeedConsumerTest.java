package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.FeedCursor;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.FeedMirror;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A downstream index kept in sync through the change feed while real ingest processes run: one is
 * killed with SIGKILL mid-run (its leased jobs are retried by the next run), documents are edited,
 * deleted and put back. The consumer, and a replay from every cursor it held, end equal to the current
 * chunks exactly.
 */
@ProcessTest
class FeedConsumerTest {
  @TempDir Path dir;
  Path corpus;
  Path db;
  final FeedMirror live = new FeedMirror();
  final Map<FeedCursor, FeedMirror> held = new LinkedHashMap<>();
  FeedCursor cursor = FeedCursor.START;

  @Test
  void a_consumer_following_the_feed_through_a_crash_edits_and_deletes_ends_equal_to_the_current_chunks()
      throws Exception {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    CrashSafetyTest.writeCorpus(corpus, new Random(11));
    db = dir.resolve("data/ingestion.db");
    held.put(cursor, live.copy());

    Process first = CliProcess.start(dir, ingestArgs());
    awaitCompleted(first, 1);
    try (Database d = open()) {
      ChangeFeedRepository feed = new ChangeFeedRepository(d);
      while (first.isAlive() && completed(d) < 60) {
        follow(feed, 50);
      }
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      follow(feed, 50);
      assertThat(completed(d)).as("killed part-way").isLessThan(300);
    }

    Random random = new Random(5);
    List<Path> files = allFiles();
    for (int i = 0; i < 30; i++) {
      Files.writeString(files.get(random.nextInt(files.size())), "\n\nAn edited paragraph " + i + ".\n",
          java.nio.file.StandardOpenOption.APPEND);
    }
    List<Path> removed = files.subList(0, 20);
    // Only a document that had chunks when it was deleted is "restored" when it comes back; the kill
    // decides how many of the five brought back below had been completed by then.
    long restorable;
    try (Database d = open()) {
      restorable = removed.subList(0, 5).stream().filter(f -> d.withConnection(c -> d.sql(c).queryLong(
          "SELECT count(*) FROM documents WHERE external_id LIKE ? AND current_version_id IS NOT NULL",
          "%/" + f.getFileName())) > 0).count();
    }
    Map<Path, byte[]> keep = new LinkedHashMap<>();
    for (Path f : removed) {
      keep.put(f, Files.readAllBytes(f));
      Files.delete(f);
    }
    runToCompletion();

    for (Path f : removed.subList(0, 5)) {
      Files.write(f, keep.get(f));
    }
    List<Path> now = allFiles();
    for (int i = 0; i < 10; i++) {
      Files.delete(now.get(now.size() - 1 - i));
      Files.writeString(now.get(i * 7), "\n\nAnother edit " + i + ".\n", java.nio.file.StandardOpenOption.APPEND);
    }
    runToCompletion();

    try (Database d = open()) {
      Map<String, String> current = Processes.currentChunks(d);
      assertThat(current).isNotEmpty();
      assertThat(live.chunks()).isEqualTo(current);
      assertThat(live.deletes()).isPositive();
      assertThat(Processes.count(d, "SELECT count(*) FROM attempts WHERE attempt_no > 1")).as("retried after the kill").isPositive();
      assertThat(restorable).as("most of the brought-back files had been completed before the kill").isPositive();
      assertThat(Processes.count(d, "SELECT count(*) FROM chunk_changes WHERE kind = 'restored'")).isEqualTo(restorable);
      ChangeFeedRepository feed = new ChangeFeedRepository(d);
      for (var e : held.entrySet()) {
        FeedMirror replay = e.getValue().copy();
        replay(feed, e.getKey(), replay);
        assertThat(replay.chunks()).as("replay from cursor %s", e.getKey()).isEqualTo(current);
      }
      System.out.printf("feed consumer: %d current chunks, %d upserts and %d deletes applied, %d cursors replayed%n",
          current.size(), live.upserts(), live.deletes(), held.size());
    }
  }

  private String[] ingestArgs() {
    return new String[] {"ingest", corpus.toString(), "--db", db.toString(), "--no-progress", "--concurrency", "4"};
  }

  /** Runs an ingest process to the end while following the feed. */
  private void runToCompletion() throws Exception {
    Process p = CliProcess.start(dir, ingestArgs());
    try (Database d = open()) {
      ChangeFeedRepository feed = new ChangeFeedRepository(d);
      while (p.isAlive()) {
        follow(feed, 100);
        Thread.sleep(20);
      }
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
      follow(feed, 100);
    }
  }

  private void follow(ChangeFeedRepository feed, int limit) {
    ChangeFeedRepository.Page page;
    do {
      page = feed.read(cursor, limit);
      page.changes().forEach(c -> live.apply(c.asMap()));
      cursor = page.next();
      held.putIfAbsent(cursor, live.copy());
    } while (page.hasMore());
  }

  private static void replay(ChangeFeedRepository feed, FeedCursor from, FeedMirror mirror) {
    FeedCursor at = from;
    ChangeFeedRepository.Page page;
    do {
      page = feed.read(at, 1000);
      page.changes().forEach(c -> mirror.apply(c.asMap()));
      at = page.next();
    } while (page.hasMore());
  }

  private void awaitCompleted(Process p, long n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.exists(db)) {
        try (Database d = open()) {
          if (completed(d) >= n) {
            return;
          }
        } catch (RuntimeException e) {
          // the child may still be creating the schema
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the first run never completed a document");
  }

  private Database open() {
    return Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC());
  }

  private List<Path> allFiles() throws IOException {
    try (var s = Files.walk(corpus)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static long completed(Database d) {
    return Processes.count(d, "SELECT count(*) FROM documents WHERE status = 'completed'");
  }
}
