package dev.ingestion.ops;

import dev.ingestion.ops.alerts.AlertConfig;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.health.HealthConfig;
import java.time.Duration;

/**
 * Settings of the operations side: health thresholds, alert rules, DLQ SLAs, retention of time series,
 * and how often the sampler and the counter compactor run.
 */
public record OpsConfig(HealthConfig health, AlertConfig alerts, DlqConfig dlq, RetentionConfig retention,
    Duration sampleInterval, Duration compactInterval) {

  public static OpsConfig defaults() {
    return new OpsConfig(HealthConfig.defaults(), AlertConfig.defaults(), DlqConfig.defaults(),
        RetentionConfig.defaults(), Duration.ofSeconds(60), Duration.ofSeconds(5));
  }

  /** How long metric samples and health checks are kept, and how often old ones are deleted. */
  public record RetentionConfig(Duration metrics, Duration healthChecks, Duration interval) {
    public static RetentionConfig defaults() {
      return new RetentionConfig(Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1));
    }
  }
}
