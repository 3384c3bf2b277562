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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Queue overhead alone: claim then complete with a no-op stage (the bookkeeping every document pays:
 * lease, fenced completion, attempt row, document status and the statistics), on SQLite and on
 * PostgreSQL, for each worker count, after a warm-up of half as many jobs, {@code rounds} times in alternation. Besides jobs/s (wall clock,
 * which other processes on the machine move) it prints the CPU each job cost: this JVM's, and on
 * PostgreSQL the server's (postmaster and its backends, from /proc), and the WAL bytes written per job.
 * Usage: {@code QueueBenchmark [jobs] [workers,...] [sqlite,postgresql] [rounds] [claim batch]} (default
 * 5000 2,8 sqlite,postgresql 1 1; the worker claims 1 job at a time).
 */
public final class QueueBenchmark {
  private static final long CLOCK_TICKS = 100;
  private static int claimBatch;

  private QueueBenchmark() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    int[] workerCounts = Arrays.stream((args.length > 1 ? args[1] : "2,8").split(","))
        .mapToInt(Integer::parseInt).toArray();
    List<String> databases = List.of((args.length > 2 ? args[2] : "sqlite,postgresql").split(","));
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    claimBatch = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    Path work = Files.createDirectories(Path.of("bench/out/queue").toAbsolutePath());
    System.out.printf(Locale.ROOT, "queue benchmark: %,d jobs per run, claim batch %d, no-op stage%n", jobs,
        claimBatch);
    for (int round = 1; round <= rounds; round++) {
      for (String database : databases) {
        for (int workers : workerCounts) {
          report(database, round, workers, jobs, config(database, work, workers));
        }
      }
    }
    System.exit(0);
  }

  private static DatabaseConfig config(String database, Path work, int workers) throws Exception {
    if (database.equals("sqlite")) {
      Path file = work.resolve("queue-" + workers + ".db");
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
      return DatabaseConfig.sqlite("jdbc:sqlite:" + file);
    }
    DatabaseConfig base = DatabaseConfig.sqlite(EmbeddedPostgres.newDatabase());
    return new DatabaseConfig(base.url(), "postgres", null, 1, Math.max(16, workers + 2),
        base.connectionTimeout(), base.idleTimeout(), base.busyTimeout());
  }

  private static void report(String name, int round, int workers, int jobs, DatabaseConfig cfg) throws Exception {
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      seed(db, jobs / 2, "warm-up-");
      drain(db, workers); // the JIT compiles the path before it is measured
      seed(db, jobs, "doc-");
      ServerMeter server = cfg.isPostgres() ? ServerMeter.postgres(db) : ServerMeter.NONE;
      long jvmCpu = processCpuNanos();
      server.start();
      double secs = drain(db, workers);
      double jvmMs = (processCpuNanos() - jvmCpu) / 1e6 / jobs;
      server.stop();
      System.out.printf(Locale.ROOT, "%-10s round %d workers %d: %7.0f jobs/s  %.3f ms/job wall  CPU/job: JVM %.3f ms"
          + "%s%n", name, round, workers, jobs / secs, secs * 1000 / jobs, jvmMs, server.describe(jobs));
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void seed(Database db, int jobs, String prefix) {
    long sourceId = new SourceRepository(db).ensure("bench", "filesystem", "/nowhere");
    SyncRepository sync = new SyncRepository(db);
    List<SyncRepository.Change> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(new SyncRepository.NewDocument(new SourceItem(prefix + i, "m" + i, 100, db.now())));
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
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String owner = "bench-" + w;
        futures.add(pool.submit(() -> {
          List<Job> claimed;
          while (!(claimed = queue.claim(owner, claimBatch, Duration.ofSeconds(60))).isEmpty()) {
            for (Job job : claimed) {
              results.completeUnchanged(job, new AttemptRecord(owner, db.now(), "m", 100, StageTimings.NONE, null));
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

  /**
   * CPU of the PostgreSQL server (the postmaster, its exited children as reaped into its own counters,
   * and its live children) and the WAL it wrote, between {@link #start} and {@link #stop}.
   */
  private static class ServerMeter {
    static final ServerMeter NONE = new ServerMeter(null, 0);

    private final Database db;
    private final long postmaster;
    private long cpuTicks;
    private long wal;

    private ServerMeter(Database db, long postmaster) {
      this.db = db;
      this.postmaster = postmaster;
    }

    static ServerMeter postgres(Database db) throws Exception {
      String dataDir = db.withConnection(c -> db.sql(c).queryOne("SHOW data_directory", rs -> rs.getString(1)))
          .orElseThrow();
      long pid = Long.parseLong(Files.readAllLines(Path.of(dataDir, "postmaster.pid")).getFirst().trim());
      return new ServerMeter(db, pid);
    }

    void start() throws Exception {
      if (db != null) {
        cpuTicks = -ticks();
        wal = -walBytes();
      }
    }

    void stop() throws Exception {
      if (db != null) {
        cpuTicks += ticks();
        wal += walBytes();
      }
    }

    String describe(int jobs) {
      if (db == null) {
        return "";
      }
      return String.format(Locale.ROOT, ", server %.3f ms; WAL %,d bytes/job", cpuTicks * 1000.0 / CLOCK_TICKS / jobs,
          wal / jobs);
    }

    private long walBytes() {
      return db.withConnection(c -> db.sql(c).queryLong("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn"));
    }

    private long ticks() throws Exception {
      long sum = stat(postmaster, true);
      for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
        sum += stat(child.pid(), false);
      }
      return sum;
    }

    /** utime + stime (and cutime + cstime, the reaped children) in clock ticks, from /proc/pid/stat. */
    private static long stat(long pid, boolean withChildren) {
      try {
        String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
      } catch (java.io.IOException | RuntimeException e) {
        return 0; // the backend exited in between; its time is in the postmaster's children counters
      }
    }
  }
}
