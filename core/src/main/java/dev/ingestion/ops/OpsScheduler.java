package dev.ingestion.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the periodic operations tasks (counter compaction, metric samples, alert evaluation, health
 * recording, retention, scheduled source syncs). A task that throws is logged and runs again next time.
 */
public final class OpsScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsScheduler.class);

  /** A named task and how long to wait between runs. */
  public record Task(String name, Duration every, Runnable work) {}

  private final List<Task> tasks = new ArrayList<>();
  private ScheduledExecutorService executor;

  private final dev.ingestion.pipeline.OutageLog outage = new dev.ingestion.pipeline.OutageLog(LOG, "scheduler");

  public OpsScheduler add(String name, Duration every, Runnable work) {
    tasks.add(new Task(name, every, work));
    return this;
  }

  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor = Executors.newScheduledThreadPool(2, r -> Thread.ofPlatform().daemon().name("ops-scheduler").unstarted(r));
    for (Task t : tasks) {
      long ms = Math.max(1, t.every().toMillis());
      executor.scheduleWithFixedDelay(() -> run(t), Math.min(ms, 2_000), ms, TimeUnit.MILLISECONDS);
    }
    LOG.info("operations scheduler started: {}", tasks.stream().map(t -> t.name() + " every " + Periods.format(t.every()))
        .toList());
  }

  private void run(Task t) {
    try {
      t.work().run();
      outage.recovered();
    } catch (dev.ingestion.model.StoreException e) {
      // The database is away: said once for every task, not once per task and run.
      outage.failed(e);
    } catch (Throwable e) {
      // A failing task must not stop the schedule: the next run may succeed.
      LOG.warn("scheduled task {} failed: {}", t.name(), e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
