package dev.ingestion.ops.sources;

import dev.ingestion.model.NotFoundException;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.pipeline.DiscoveryResult;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.source.Source;
import dev.ingestion.store.SourcePauses;
import dev.ingestion.store.SourceStatusRepository;
import dev.ingestion.store.SourceStatusRepository.SyncRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs configured sources on demand and on their schedule. One sync of a source at a time in this
 * process; a scheduled sync is also skipped while another process is syncing the source (a run started
 * less than an hour ago and not finished).
 */
public final class SourceSyncService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SourceSyncService.class);
  private static final Duration RUNNING_ELSEWHERE = Duration.ofHours(1);

  private final Pipeline pipeline;
  private final Map<String, Schedule> schedules;
  private final SourceStatusRepository status;
  private final SourcePauses pauses;
  private final Runnable onQueued;
  private final Clock clock;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sync-", 0).factory());

  public SourceSyncService(Pipeline pipeline, Map<String, Schedule> schedules, SourceStatusRepository status,
      SourcePauses pauses, Runnable onQueued, Clock clock) {
    this.pipeline = pipeline;
    this.schedules = Map.copyOf(schedules);
    this.status = status;
    this.pauses = pauses;
    this.onQueued = onQueued;
    this.clock = clock;
  }

  public record SourceView(String name, String type, String location, String status, String pausedReason,
      String schedule, boolean syncing, SyncRun lastSync, Instant nextSyncAt) {}

  /** What resuming a source did. */
  public record Resumed(String source, String status, int jobsReleased) {}

  public List<SourceView> list() {
    List<SourceView> out = new ArrayList<>();
    Map<String, SourcePauses.Paused> paused = pausedByName();
    for (Source s : pipeline.sources().configured()) {
      Optional<SyncRun> last = status.lastRun(s.name());
      Schedule schedule = schedules.get(s.name());
      SourcePauses.Paused p = paused.get(s.name());
      Instant next = schedule == null || p != null ? null
          : last.map(r -> r.startedAt().plus(schedule.every())).orElse(clock.instant());
      out.add(new SourceView(s.name(), s.type(), s.location(), p == null ? "active" : "paused",
          p == null ? null : p.reason(), schedule == null ? null : schedule.text(), running.contains(s.name()),
          last.orElse(null), next));
    }
    return out;
  }

  public Source source(String name) {
    return pipeline.sources().configured().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new NotFoundException("no configured source '" + name + "'; configured: "
            + String.join(", ", pipeline.sources().configured().stream().map(Source::name).toList())));
  }

  /** Starts a sync of {@code name}; the future completes when the listing is done. */
  public CompletableFuture<DiscoveryResult> sync(String name, String trigger) {
    Source source = source(name);
    SourcePauses.Paused p = pausedByName().get(name);
    if (p != null) {
      throw new StateConflictException("source '" + name + "' is paused since " + p.since() + ": " + p.reason()
          + "; fix its credentials, check them with POST /test/..., then POST /sources/" + name + "/resume");
    }
    if (!running.add(name)) {
      throw new StateConflictException("source '" + name + "' is already being synced; see GET /sources");
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        DiscoveryResult r = pipeline.discover(source, trigger, n -> onQueued.run());
        onQueued.run();
        return r;
      } finally {
        running.remove(name);
      }
    }, executor);
  }

  /** Resumes a paused source: its waiting documents become due again. */
  public Resumed resume(String name) {
    source(name);
    int released = pauses.resume(name);
    if (released < 0) {
      throw new StateConflictException("source '" + name + "' is not paused; see GET /sources");
    }
    LOG.info("source '{}' resumed; {} waiting document(s) are due again", name, released);
    onQueued.run();
    return new Resumed(name, "active", released);
  }

  private Map<String, SourcePauses.Paused> pausedByName() {
    Map<String, SourcePauses.Paused> out = new HashMap<>();
    for (SourcePauses.Paused p : pauses.paused()) {
      out.put(p.name(), p);
    }
    return out;
  }

  /** Starts the syncs that are due by their schedule; called by the scheduler. */
  public void runDue() {
    Instant now = clock.instant();
    Set<String> paused = pausedByName().keySet();
    for (Map.Entry<String, Schedule> e : schedules.entrySet()) {
      String name = e.getKey();
      if (running.contains(name) || paused.contains(name)) {
        continue;
      }
      Optional<SyncRun> last = status.lastRun(name);
      boolean due = last.map(r -> !r.startedAt().plus(e.getValue().every()).isAfter(now)).orElse(true);
      boolean elsewhere = last.map(r -> "running".equals(r.status()) && r.startedAt().isAfter(now.minus(RUNNING_ELSEWHERE)))
          .orElse(false);
      if (due && !elsewhere) {
        LOG.info("scheduled sync of '{}' ({})", name, e.getValue().text());
        sync(name, "schedule").exceptionally(t -> {
          LOG.error("scheduled sync of '{}' failed: {}", name, t.toString());
          return null;
        });
      }
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
