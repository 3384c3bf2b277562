package dev.ingestion.bench;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Job;
import dev.ingestion.model.StageTimings;
import dev.ingestion.source.SourceItem;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.NewVersion;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.SearchIndex;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.SyncRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What keyword-search indexing costs on SQLite, measured alone (one thread, so the machine's load moves
 * it less): completing documents of 10 chunks (or as many as asked) of ~900 characters with the V5 schema
 * as shipped (feed row in the transaction, FTS5 index appended later by {@link SearchIndex#catchUp}) and
 * with an FTS5 insert trigger added (indexing inside the completion transaction, under the single
 * writer), plus the time the deferred catch-up takes per document. Runs alternate so both sides share the
 * noise.
 *
 * <p>Usage: {@code DeliveryWriteBenchmark [docs] [chunks per document]} (default 2000 and 10).
 */
public final class DeliveryWriteBenchmark {
  private DeliveryWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    int docs = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int chunks = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path work = Files.createDirectories(Path.of("bench/out/delivery").toAbsolutePath());
    System.out.printf(Locale.ROOT, "completion of %,d documents x %d chunks, one thread, SQLite%n", docs, chunks);
    for (int round = 1; round <= 3; round++) {
      double[] shipped = run(work.resolve("shipped-" + round + ".db"), docs, chunks, false);
      double[] trigger = run(work.resolve("trigger-" + round + ".db"), docs, chunks, true);
      System.out.printf(Locale.ROOT, "round %d: completion as shipped %.3f ms/doc (+ deferred FTS5 catch-up %.3f ms/doc"
          + " outside it); with an FTS5 insert trigger %.3f ms/doc (+%.3f ms/doc inside the writer)%n",
          round, shipped[0], shipped[1], trigger[0], trigger[0] - shipped[0]);
    }
    System.exit(0);
  }

  /** Completion ms/doc, then catch-up ms/doc. */
  private static double[] run(Path file, int docs, int chunks, boolean trigger) throws Exception {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    try (Database db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + file), Clock.systemUTC())) {
      if (trigger) {
        db.withConnection(c -> db.sql(c).update("""
            CREATE TRIGGER bench_fts_insert AFTER INSERT ON chunks BEGIN
              INSERT INTO chunks_fts (rowid, text) VALUES (NEW.id, NEW.text);
            END"""));
      }
      seed(db, docs);
      JobQueue queue = new JobQueue(db);
      ResultRepository results = new ResultRepository(db, 5);
      Random random = new Random(1);
      long start = System.nanoTime();
      List<Job> claimed;
      while (!(claimed = queue.claim("bench", 4, Duration.ofSeconds(60))).isEmpty()) {
        for (Job job : claimed) {
          results.complete(job, new AttemptRecord("bench", db.now(), "m", 100, StageTimings.NONE, null),
              version(random, job.id(), chunks));
        }
      }
      double completion = (System.nanoTime() - start) / 1e6 / docs;
      long c0 = System.nanoTime();
      if (!trigger) {
        new SearchIndex(db).catchUp();
      }
      return new double[] {completion, (System.nanoTime() - c0) / 1e6 / docs};
    }
  }

  private static NewVersion version(Random random, long id, int count) {
    String[] words = "ledger invoice policy retention schema archive payroll audit vendor contract".split(" ");
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      while (text.length() < 900) {
        text.append(words[random.nextInt(words.length)]).append(' ');
      }
      chunks.add(new Chunk(i, text.toString(), i * 900, i * 900 + text.length(), List.of("H"), 1, id + "-" + i));
    }
    return new NewVersion("h" + id, 9000, DocumentMetadata.unknown("text/plain"), 9000, false, chunks);
  }

  private static void seed(Database db, int docs) {
    long sourceId = new SourceRepository(db).ensure("bench", "filesystem", "/nowhere");
    List<SyncRepository.Change> batch = new ArrayList<>();
    for (int i = 0; i < docs; i++) {
      batch.add(new SyncRepository.NewDocument(new SourceItem("doc-" + i, "m" + i, 100, db.now())));
    }
    new SyncRepository(db).apply(sourceId, batch, 3);
  }
}
