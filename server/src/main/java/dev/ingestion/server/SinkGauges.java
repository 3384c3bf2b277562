package dev.ingestion.server;

import dev.ingestion.ops.Memo;
import dev.ingestion.ops.CacheRegistry;
import dev.ingestion.sink.SinkService;
import dev.ingestion.sink.SinkStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per-sink gauges for Prometheus: lag (feed changes not yet written), changes applied, chunks refused,
 * rebuilds, and whether the target is failing; from one status snapshot at most 5 s old.
 */
final class SinkGauges {
  private SinkGauges() {}

  static void bind(SinkService sinks, CacheRegistry caches, Clock clock, ApiMetrics metrics) {
    Memo<List<SinkStatus>> snapshot = caches.register("sink_status", new Memo<>(Duration.ofSeconds(5), clock,
        sinks::statuses));
    MeterRegistry r = metrics.registry();
    for (var runner : sinks.runners()) {
      String name = runner.sink().config().name();
      gauge(r, "ingestion.sink.lag", "Feed changes not yet written to the sink's target", snapshot, name,
          SinkStatus::lag);
      gauge(r, "ingestion.sink.applied", "Changes the sink's target acknowledged", snapshot, name,
          s -> s.state().applied());
      gauge(r, "ingestion.sink.rejected", "Chunks the sink's target refused", snapshot, name,
          s -> s.state().rejected());
      gauge(r, "ingestion.sink.resyncs", "Times the sink's target was rebuilt from the start of the feed", snapshot,
          name, s -> s.state().resyncs());
      gauge(r, "ingestion.sink.failing", "1 while the last attempt to write the sink's target failed", snapshot, name,
          s -> s.failing() ? 1 : 0);
    }
  }

  private static void gauge(MeterRegistry r, String metric, String help, Memo<List<SinkStatus>> snapshot, String sink,
      ToDoubleFunction<SinkStatus> value) {
    Gauge.builder(metric, snapshot, m -> {
      try {
        return m.get().stream().filter(s -> s.config().name().equals(sink)).findFirst()
            .map(value::applyAsDouble).orElse(Double.NaN);
      } catch (RuntimeException e) {
        return Double.NaN;
      }
    }).description(help).tags("sink", sink).register(r);
  }
}
