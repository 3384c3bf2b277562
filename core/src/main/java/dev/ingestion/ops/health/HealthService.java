package dev.ingestion.ops.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.model.IngestionException;
import dev.ingestion.store.Database;
import dev.ingestion.store.DocumentQueries;
import dev.ingestion.store.HealthCheckRepository;
import dev.ingestion.store.HealthCheckRepository.CheckRow;
import dev.ingestion.store.StatsRepository;
import dev.ingestion.store.WorkerRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the database, the watched folders, the workers and this process's resources. Only the scheduled
 * check ({@link #recordScheduled}) writes to {@code health_checks}; what callers ask for is never
 * recorded: {@link #latest} answers the last scheduled result and {@link #fresh} a check at most
 * {@link #FRESH_AT_MOST_EVERY} old, run again only when the last one is older, however many callers ask.
 * A database that cannot be reached makes the answer unhealthy, it never makes the check fail.
 */
public final class HealthService {
  /** How often callers together may make this process run a check. */
  public static final Duration FRESH_AT_MOST_EVERY = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WORKER_ALIVE = Duration.ofMinutes(2);
  /**
   * How long the database check waits: the pool would wait its whole connection timeout (30 s) for a
   * database that is down, and /health must answer within 2 s, naming the database as the problem.
   */
  private static final Duration DATABASE_LIMIT = Duration.ofMillis(1500);

  private final Database db;
  private final HealthConfig config;
  private final Supplier<List<WatchedPath>> paths;
  private final ResourceProbe probe;
  private final Clock clock;
  /** Why this process's workers cannot parse (no parser process can start); empty while they can. */
  private final Supplier<Optional<String>> parsingUnavailable;
  private final ReentrantLock checking = new ReentrantLock();
  private volatile HealthReport scheduled;
  private volatile Checked lastCheck;

  /** A check and when it ran, on the monotonic clock that paces {@link #fresh} (wall clocks may stand still). */
  private record Checked(HealthReport report, long nanoTime) {}

  public HealthService(Database db, HealthConfig config, Supplier<List<WatchedPath>> paths, ResourceProbe probe,
      Clock clock) {
    this(db, config, paths, probe, clock, Optional::empty);
  }

  /** With {@code parsingUnavailable}: the workers' check is degraded, with the reason, while it has one. */
  public HealthService(Database db, HealthConfig config, Supplier<List<WatchedPath>> paths, ResourceProbe probe,
      Clock clock, Supplier<Optional<String>> parsingUnavailable) {
    this.db = db;
    this.config = config;
    this.paths = paths;
    this.probe = probe;
    this.clock = clock;
    this.parsingUnavailable = parsingUnavailable;
  }

  /** The folders the filesystem check looks at. */
  public List<WatchedPath> paths() {
    return paths.get();
  }

  /** The scheduler's check: runs every check and records each in {@code health_checks}. */
  public HealthReport recordScheduled() {
    HealthReport report = check();
    if (report.checks().get("database").status() != HealthStatus.UNHEALTHY) {
      record(report.checks().values()); // nothing can be written while the database is down
    }
    scheduled = report;
    return report;
  }

  /**
   * The last scheduled check; before the first one (or in a process without the scheduler) a {@link #fresh}
   * check, which writes nothing either.
   */
  public HealthReport latest() {
    HealthReport s = scheduled;
    return s != null ? s : fresh();
  }

  /** A check at most {@link #FRESH_AT_MOST_EVERY} old; runs one when the last is older. Records nothing. */
  public HealthReport fresh() {
    Checked c = lastCheck;
    if (c != null && System.nanoTime() - c.nanoTime() < FRESH_AT_MOST_EVERY.toNanos()) {
      return c.report();
    }
    checking.lock();
    try {
      c = lastCheck;
      if (c != null && System.nanoTime() - c.nanoTime() < FRESH_AT_MOST_EVERY.toNanos()) {
        return c.report(); // another caller ran it while this one waited
      }
      HealthReport report = check();
      lastCheck = new Checked(report, System.nanoTime());
      return report;
    } finally {
      checking.unlock();
    }
  }

  /** The database check of a {@link #fresh} check. */
  public ComponentHealth database() {
    return fresh().checks().get("database");
  }

  /** The filesystem check of a {@link #fresh} check. */
  public ComponentHealth filesystem() {
    return fresh().checks().get("filesystem");
  }

  private HealthReport check() {
    Map<String, ComponentHealth> checks = new LinkedHashMap<>();
    checks.put("database", checkDatabase());
    checks.put("filesystem", checkFilesystem());
    boolean dbUp = checks.get("database").status() != HealthStatus.UNHEALTHY;
    checks.put("workers", dbUp ? checkWorkers() : ComponentHealth.of("workers", HealthStatus.DEGRADED, clock.instant(),
        0, "unknown while the database is unreachable", Map.of()));
    checks.put("resources", checkResources());
    HealthStatus worst = HealthStatus.HEALTHY;
    for (ComponentHealth c : checks.values()) {
      worst = worst.worst(c.status());
    }
    return new HealthReport(worst, clock.instant(), checks);
  }

  ComponentHealth checkDatabase() {
    Instant at = clock.instant();
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("dialect", db.dialect().name());
    d.put("url", db.config().url());
    d.put("pool_active", db.activeConnections());
    d.put("pool_total", db.totalConnections());
    int max = db.maxConnections();
    d.put("pool_max", max);
    d.put("pool_usage_percent", Math.round(1000.0 * db.activeConnections() / max) / 10.0);
    long start = System.nanoTime();
    try {
      StatsRepository stats = new StatsRepository(db);
      double ms = withinLimit(() -> stats.ping()) / 1e6;
      d.put("query_latency_ms", Math.round(ms * 100) / 100.0);
      d.put("size_bytes", withinLimit(stats::databaseSizeBytes));
      double total = (System.nanoTime() - start) / 1e6;
      HealthStatus s = ms > 1000 || db.activeConnections() >= max ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
      String msg = s == HealthStatus.HEALTHY ? "reachable" : ms > 1000 ? "slow: a trivial query took " + Math.round(ms)
          + " ms" : "every pooled connection is in use";
      return ComponentHealth.of("database", s, at, total, msg, d);
    } catch (IngestionException | IllegalStateException e) {
      d.put("error", e.getMessage());
      return ComponentHealth.of("database", HealthStatus.UNHEALTHY, at, (System.nanoTime() - start) / 1e6,
          "database unreachable: " + e.getMessage(), d);
    }
  }

  /** Runs a database call, giving up after {@link #DATABASE_LIMIT} (the call finishes in the background). */
  private static long withinLimit(java.util.function.LongSupplier call) {
    java.util.concurrent.CompletableFuture<Long> f = new java.util.concurrent.CompletableFuture<>();
    Thread.ofVirtual().name("health-database").start(() -> {
      try {
        f.complete(call.getAsLong());
      } catch (RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    try {
      return f.get(DATABASE_LIMIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within " + DATABASE_LIMIT.toMillis() + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  ComponentHealth checkFilesystem() {
    Instant at = clock.instant();
    long start = System.nanoTime();
    List<Map<String, Object>> results = new ArrayList<>();
    HealthStatus worst = HealthStatus.HEALTHY;
    List<String> problems = new ArrayList<>();
    for (WatchedPath w : paths.get()) {
      DiskCheck.Result r = DiskCheck.check(w, config);
      results.add(r.details());
      worst = worst.worst(r.status());
      if (r.message() != null) {
        problems.add(r.message());
      }
    }
    String msg = problems.isEmpty() ? results.size() + " path(s) ok" : String.join("; ", problems);
    return ComponentHealth.of("filesystem", worst, at, (System.nanoTime() - start) / 1e6, msg,
        Map.of("paths", results));
  }

  ComponentHealth checkWorkers() {
    Instant at = clock.instant();
    long start = System.nanoTime();
    long alive = new WorkerRepository(db).aliveSince(at.minus(WORKER_ALIVE));
    boolean due = new DocumentQueries(db).workDue(at);
    Optional<String> parsing = parsingUnavailable.get();
    HealthStatus s = alive == 0 && due || parsing.isPresent() ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    String msg = alive > 0 ? alive + " worker(s) alive" : due ? "work is queued but no worker is alive; start one"
        + " (ingestion worker)" : "no worker alive; nothing is queued";
    Map<String, Object> details = new LinkedHashMap<>(Map.of("alive", alive, "work_due", due));
    if (parsing.isPresent()) {
      msg = msg + "; parsing unavailable in this process, documents wait in the queue: " + parsing.get();
      details.put("parsing_unavailable", parsing.get());
    }
    return ComponentHealth.of("workers", s, at, (System.nanoTime() - start) / 1e6, msg, details);
  }

  ComponentHealth checkResources() {
    Instant at = clock.instant();
    Map<String, Object> d = new LinkedHashMap<>();
    double heap = probe.heapUsedPercent();
    d.put("heap_used_percent", Math.round(heap * 10) / 10.0);
    d.put("heap_used_bytes", probe.heapUsedBytes());
    d.put("heap_max_bytes", probe.heapMaxBytes());
    d.put("system_cpu_percent", Math.round(probe.systemCpuPercent() * 10) / 10.0);
    d.put("process_cpu_percent", Math.round(probe.processCpuPercent() * 10) / 10.0);
    d.put("system_memory_used_percent", Math.round(probe.systemMemoryUsedPercent() * 10) / 10.0);
    d.put("processors", probe.availableProcessors());
    HealthStatus s = heap > 95 ? HealthStatus.DEGRADED : HealthStatus.HEALTHY;
    return ComponentHealth.of("resources", s, at, 0, s == HealthStatus.HEALTHY ? "ok"
        : "heap almost full (" + Math.round(heap) + "%)", d);
  }

  private void record(Iterable<ComponentHealth> checks) {
    List<CheckRow> rows = new ArrayList<>();
    for (ComponentHealth c : checks) {
      rows.add(new CheckRow(c.checkedAt(), c.component(), c.status().dbValue(), c.latencyMs(), json(c)));
    }
    try {
      new HealthCheckRepository(db).record(rows);
    } catch (IngestionException e) {
      LOG.debug("health check not recorded: {}", e.getMessage());
    }
  }

  private static String json(ComponentHealth c) {
    try {
      Map<String, Object> m = new LinkedHashMap<>(c.details());
      m.put("message", c.message());
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      return "{}";
    }
  }
}
