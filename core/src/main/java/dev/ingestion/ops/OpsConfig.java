package dev.ingestion.ops;

import dev.ingestion.ops.alerts.AlertConfig;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.NotificationConfig;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.health.HealthConfig;
import dev.ingestion.ops.maintenance.MaintenanceConfig;
import java.time.Duration;

/**
 * Settings of the operations side: health thresholds, alert rules, DLQ SLAs, retention of time series,
 * how often the sampler and the counter compactor run, incident priorities and escalation, and the
 * scheduled maintenance jobs, and how alert notifications are delivered (e-mail, retries).
 */
public record OpsConfig(HealthConfig health, AlertConfig alerts, DlqConfig dlq, RetentionConfig retention,
    Duration sampleInterval, Duration compactInterval, EscalationConfig escalation, MaintenanceConfig maintenance,
    NotificationConfig notifications) {

  /** With the default escalation policy, maintenance schedule and notification delivery. */
  public OpsConfig(HealthConfig health, AlertConfig alerts, DlqConfig dlq, RetentionConfig retention,
      Duration sampleInterval, Duration compactInterval) {
    this(health, alerts, dlq, retention, sampleInterval, compactInterval, EscalationConfig.defaults(),
        MaintenanceConfig.defaults(), NotificationConfig.defaults());
  }

  public static OpsConfig defaults() {
    return new OpsConfig(HealthConfig.defaults(), AlertConfig.defaults(), DlqConfig.defaults(),
        RetentionConfig.defaults(), Duration.ofSeconds(60), Duration.ofSeconds(5));
  }

  public OpsConfig with(EscalationConfig e, MaintenanceConfig m) {
    return new OpsConfig(health, alerts, dlq, retention, sampleInterval, compactInterval, e, m, notifications);
  }

  public OpsConfig with(NotificationConfig n) {
    return new OpsConfig(health, alerts, dlq, retention, sampleInterval, compactInterval, escalation, maintenance, n);
  }

  /** How long metric samples and health checks are kept, and how often old ones are deleted. */
  public record RetentionConfig(Duration metrics, Duration healthChecks, Duration interval) {
    public static RetentionConfig defaults() {
      return new RetentionConfig(Duration.ofDays(30), Duration.ofDays(7), Duration.ofHours(1));
    }
  }
}
