package dev.ingestion.bench;

import dev.ingestion.model.Job;
import dev.ingestion.model.StageTimings;
import dev.ingestion.source.SourceItem;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.testkit.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue overhead alone: claim then complete with a no-op stage (the bookkeeping every document pays:
 * lease, fenced completion, attempt row, document status), for 1, 2 and 4 worker threads, on SQLite and
 * on PostgreSQL. Usage: {@code QueueBenchmark [jobs]} (default 5000).
 */
public final class QueueBenchmark {
  private QueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path work = Files.createDirectories(Path.of("bench/out/queue").toAbsolutePath());
    System.out.printf(Locale.ROOT, "queue benchmark: %,d jobs per run, claim batch 4, no-op stage%n", jobs);
    for (int workers : new int[] {1, 2, 4}) {
      Path file = work.resolve("queue-" + workers + ".db");
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + "-wal"));
      Files.deleteIfExists(Path.of(file + "-shm"));
      report("sqlite", workers, jobs, DatabaseConfig.sqlite("jdbc:sqlite:" + file));
    }
    for (int workers : new int[] {1, 2, 4}) {
      DatabaseConfig base = DatabaseConfig.sqlite(EmbeddedPostgres.newDatabase());
      report("postgresql", workers, jobs, new DatabaseConfig(base.url(), "postgres", null, 1, 16,
          base.connectionTimeout(), base.idleTimeout(), base.busyTimeout()));
    }
    System.exit(0);
  }

  private static void report(String name, int workers, int jobs, DatabaseConfig cfg) throws Exception {
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      seed(db, jobs);
      double secs = drain(db, workers);
      System.out.printf(Locale.ROOT, "%-10s workers %d: %7.0f jobs/s  (%.3f ms of queue overhead per document)%n",
          name, workers, jobs / secs, secs * 1000 / jobs);
    }
  }

  private static void seed(Database db, int jobs) {
    long sourceId = new SourceRepository(db).ensure("bench", "filesystem", "/nowhere");
    SyncRepository sync = new SyncRepository(db);
    List<SyncRepository.Change> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(new SyncRepository.NewDocument(new SourceItem("doc-" + i, "m" + i, 100, db.now())));
      if (batch.size() == 1000) {
        sync.apply(sourceId, batch, 3);
        batch.clear();
      }
    }
    sync.apply(sourceId, batch, 3);
  }

  private static double drain(Database db, int workers) throws Exception {
    JobQueue queue = new JobQueue(db);
    ResultRepository results = new ResultRepository(db, 5);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String owner = "bench-" + w;
        futures.add(pool.submit(() -> {
          List<Job> claimed;
          while (!(claimed = queue.claim(owner, 4, Duration.ofSeconds(60))).isEmpty()) {
            for (Job job : claimed) {
              results.completeUnchanged(job,
                  new AttemptRecord(owner, db.now(), "m", 100, StageTimings.NONE, null));
              done.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }
}
