package dev.ingestion.ops.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.ops.health.DiskUsage;
import dev.ingestion.ops.health.ResourceProbe;
import dev.ingestion.ops.health.WatchedPath;
import dev.ingestion.ops.reports.CapacityReport;
import dev.ingestion.store.Counters;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.MetricSampleRepository;
import dev.ingestion.store.MetricSampleRepository.Sample;
import dev.ingestion.store.StatsRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes a sample of the pipeline's vital signs to the {@code metrics} table: documents and jobs by
 * status, the open DLQ, error rate and throughput of the last hour, resources, disk and database size.
 * The capacity report reads the database size series; the table is kept for the retention period.
 */
public final class MetricSampler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StatsRepository stats;
  private final DeadLetterQueries deadLetters;
  private final ActivityCounter activity;
  private final MetricSampleRepository samples;
  private final ResourceProbe probe;
  private final Supplier<List<WatchedPath>> paths;
  private final Clock clock;

  public MetricSampler(StatsRepository stats, DeadLetterQueries deadLetters, MetricSampleRepository samples,
      ResourceProbe probe, Supplier<List<WatchedPath>> paths, Clock clock) {
    this.stats = stats;
    this.deadLetters = deadLetters;
    this.activity = new ActivityCounter(stats);
    this.samples = samples;
    this.probe = probe;
    this.paths = paths;
    this.clock = clock;
  }

  public List<Sample> sample() {
    Instant now = clock.instant();
    List<Sample> out = new ArrayList<>();
    Counters c = stats.counters(List.of("documents", "jobs", "versions", "chunks"));
    c.byDim("documents").forEach((status, n) -> out.add(new Sample(now, "documents", n, labels(Map.of("status", status)))));
    c.byDim("jobs").forEach((status, n) -> out.add(new Sample(now, "jobs", n, labels(Map.of("status", status)))));
    out.add(new Sample(now, "versions", c.sum("versions"), null));
    out.add(new Sample(now, "chunks", c.sum("chunks"), null));
    out.add(new Sample(now, "dlq_open", deadLetters.openCount(), null));
    Activity hour = activity.between(now.minus(Duration.ofHours(1)), now);
    out.add(new Sample(now, "processed_last_hour", hour.processed(), null));
    out.add(new Sample(now, "error_rate_last_hour", hour.errorRate(), null));
    out.add(new Sample(now, "heap_used_percent", probe.heapUsedPercent(), null));
    out.add(new Sample(now, "system_cpu_percent", Math.max(0, probe.systemCpuPercent()), null));
    out.add(new Sample(now, CapacityReport.DB_SIZE_METRIC, stats.databaseSizeBytes(), null));
    for (WatchedPath w : paths.get()) {
      DiskUsage.of(w).ifPresent(u -> out.add(new Sample(now, "disk_free_percent", u.freePercent(),
          labels(Map.of("path", w.name())))));
    }
    samples.record(out);
    return out;
  }

  private static String labels(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(labels);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
