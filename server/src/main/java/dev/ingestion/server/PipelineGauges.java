package dev.ingestion.server;

import dev.ingestion.ops.Memo;
import dev.ingestion.ops.Operations;
import dev.ingestion.pipeline.RunStats;
import dev.ingestion.store.Counters;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.StatsRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Pipeline gauges for Prometheus: documents and jobs by status, open dead letters, versions, chunks,
 * open alerts, alert notifications by delivery state and their failed attempts, and this process's
 * worker counters. The database values come from one snapshot that is
 * at most 5 s old, so a scrape costs a few indexed reads (the snapshot is a cache /admin/cache/clear clears).
 */
final class PipelineGauges {
  private static final List<String> DOCUMENT_STATUSES =
      List.of("pending", "processing", "completed", "failed", "dead_letter", "deleted");
  private static final List<String> JOB_STATUSES = List.of("queued", "leased", "done", "dead", "cancelled");

  private PipelineGauges() {}

  private static final List<String> NOTIFICATION_STATUSES = List.of("pending", "delivered", "failed", "cancelled");

  record Snapshot(Counters counters, long dlqOpen, long alertsOpen, OutboxRepository.Counts notifications) {}

  static void bind(Operations ops, ApiMetrics metrics) {
    StatsRepository stats = new StatsRepository(ops.database());
    DeadLetterQueries dlq = new DeadLetterQueries(ops.database());
    Memo<Snapshot> snapshot = ops.caches().register("metrics_snapshot", new Memo<>(Duration.ofSeconds(5), ops.clock(),
        () -> new Snapshot(stats.counters(List.of("documents", "jobs", "versions", "chunks")), dlq.openCount(),
            ops.alerts().active().size(), ops.outbox().counts())));
    MeterRegistry r = metrics.registry();
    for (String s : DOCUMENT_STATUSES) {
      gauge(r, "ingestion.documents", "Documents by status", snapshot, x -> x.counters().get("documents", s), "status", s);
    }
    for (String s : JOB_STATUSES) {
      gauge(r, "ingestion.jobs", "Jobs by status", snapshot, x -> x.counters().get("jobs", s), "status", s);
    }
    gauge(r, "ingestion.dlq.open", "Open dead-letter items", snapshot, Snapshot::dlqOpen);
    gauge(r, "ingestion.versions", "Stored document versions", snapshot, x -> x.counters().sum("versions"));
    gauge(r, "ingestion.chunks", "Stored chunks", snapshot, x -> x.counters().sum("chunks"));
    gauge(r, "ingestion.alerts.open", "Alerts active or acknowledged", snapshot, Snapshot::alertsOpen);
    for (String s : NOTIFICATION_STATUSES) {
      gauge(r, "ingestion.notifications", "Alert notifications by delivery state (failed = given up)", snapshot,
          x -> x.notifications().get(s), "status", s);
    }
    gauge(r, "ingestion.notification.failed.attempts", "Alert notification attempts that did not deliver", snapshot,
        x -> x.notifications().failedAttempts());
    RunStats run = ops.pipeline().stats();
    counter(r, "ingestion.worker.completed", "Documents this process completed", run, RunStats::completed);
    counter(r, "ingestion.worker.unchanged", "Documents this process found unchanged", run, RunStats::unchanged);
    counter(r, "ingestion.worker.retries", "Retries this process scheduled", run, RunStats::retried);
    counter(r, "ingestion.worker.dead_lettered", "Documents this process dead-lettered", run, RunStats::deadLettered);
    counter(r, "ingestion.worker.bytes", "Bytes this process read from sources", run, RunStats::bytes);
  }

  private static void gauge(MeterRegistry r, String name, String help, Memo<Snapshot> snapshot,
      ToDoubleFunction<Snapshot> value, String... tags) {
    Gauge.builder(name, snapshot, m -> {
      try {
        return value.applyAsDouble(m.get());
      } catch (RuntimeException e) {
        return Double.NaN;
      }
    }).description(help).tags(tags).register(r);
  }

  private static void counter(MeterRegistry r, String name, String help, RunStats run, ToDoubleFunction<RunStats> value) {
    FunctionCounter.builder(name, run, value).description(help).register(r);
  }
}
