package dev.ingestion.sink;

import dev.ingestion.model.FeedCursor;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.Database;
import dev.ingestion.store.SinkStateRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured sinks of one process, each followed by its own thread: catch up, wait for new changes,
 * repeat; while the target is down, wait longer after each failure (doubling up to the sink's
 * {@code max_backoff}). The loop never dies: every failure is recorded on the sink and retried.
 * {@link #statuses()} reports each sink from the database (totals, cursor) and from this process (what
 * its thread is doing).
 */
public final class SinkService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private final List<SinkRunner> runners;
  private final ChangeFeedRepository feed;
  private final SinkStateRepository states;
  private final Clock clock;
  private final Map<String, Activity> activity = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Object lifecycle = new Object();
  private volatile boolean stopping;

  public SinkService(List<Sink> sinks, Database db) {
    this.feed = new ChangeFeedRepository(db);
    this.states = new SinkStateRepository(db);
    this.clock = db.clock();
    this.runners = sinks.stream().map(s -> new SinkRunner(s, feed, states)).toList();
  }

  /** What a sink's thread in this process is doing. */
  public record Activity(String state, int consecutiveFailures, Instant nextAttemptAt) {
    static final Activity IDLE = new Activity("not_running", 0, null);
  }

  public List<SinkRunner> runners() {
    return runners;
  }

  public Optional<SinkRunner> runner(String name) {
    return runners.stream().filter(r -> r.sink().config().name().equals(name)).findFirst();
  }

  public SinkStateRepository states() {
    return states;
  }

  /** Starts one thread per sink. */
  public SinkService start() {
    synchronized (lifecycle) {
      for (SinkRunner r : runners) {
        Thread t = Thread.ofPlatform().daemon().name("sink-" + r.sink().config().name()).start(() -> follow(r));
        threads.add(t);
      }
    }
    if (!runners.isEmpty()) {
      LOG.info("following the change feed into {} sink(s)", runners.size());
    }
    return this;
  }

  private void follow(SinkRunner runner) {
    SinkConfig c = runner.sink().config();
    Duration backoff = FIRST_BACKOFF;
    int failures = 0;
    while (!stopping) {
      try {
        activity.put(c.name(), new Activity("catching_up", failures, null));
        runner.catchUp();
        failures = 0;
        backoff = FIRST_BACKOFF;
        activity.put(c.name(), new Activity("caught_up", 0, clock.instant().plus(c.pollInterval())));
        pause(c.pollInterval());
      } catch (Throwable e) { // the loop outlives any failure: record it, wait, try again
        failures++;
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("sink {}: attempt {} failed, next in {}s: {}", c.name(), failures, backoff.toSeconds(), message);
        recordFailure(c.name(), message);
        activity.put(c.name(), new Activity("backing_off", failures, clock.instant().plus(backoff)));
        pause(backoff);
        backoff = min(backoff.multipliedBy(2), c.maxBackoff());
      }
    }
    activity.put(c.name(), Activity.IDLE);
  }

  private void recordFailure(String name, String message) {
    try {
      states.failed(name, message);
    } catch (RuntimeException e) {
      LOG.warn("sink {}: could not record the failure: {}", name, e.getMessage());
    }
  }

  private void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Every configured sink with its cursor, totals and lag (feed rows not yet written). */
  public List<SinkStatus> statuses() {
    long head = feed.horizon();
    List<SinkStatus> out = new ArrayList<>();
    for (SinkRunner r : runners) {
      SinkConfig c = r.sink().config();
      SinkStateRepository.State s = states.load(c.name());
      out.add(new SinkStatus(c, s, head, lag(head, s.cursor()), activity.getOrDefault(c.name(), Activity.IDLE)));
    }
    return out;
  }

  /** Feed rows not written in full: a cursor inside a row (a large version cut by a page) still owes that row. */
  private static long lag(long head, FeedCursor cursor) {
    return Math.max(0, head - cursor.seq() + (cursor.insideRow() ? 1 : 0));
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      stopping = true;
      for (Thread t : threads) {
        t.interrupt();
      }
      for (Thread t : threads) {
        try {
          t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      threads.clear();
      runners.forEach(r -> r.sink().close());
    }
  }
}
