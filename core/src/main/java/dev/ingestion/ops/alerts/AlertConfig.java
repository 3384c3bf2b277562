package dev.ingestion.ops.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Thresholds of the alert rules and where to send notifications. Rates are fractions (0.05 = 5%);
 * percentages are 0-100. {@code minAttempts} keeps a handful of failures among few attempts from
 * raising an error-rate alert.
 */
public record AlertConfig(
    Duration interval,
    Duration errorRateWindow,
    double errorRateHigh,
    double errorRateCritical,
    int minAttempts,
    long dlqOpenMax,
    Duration p95Max,
    double diskFreePercent,
    double memoryPercent,
    double cpuPercent,
    Duration stallAfter,
    Map<Severity, URI> webhooks) {

  public AlertConfig {
    webhooks = Map.copyOf(webhooks);
  }

  public static AlertConfig defaults() {
    return new AlertConfig(Duration.ofSeconds(30), Duration.ofHours(1), 0.05, 0.10, 20, 50, Duration.ofSeconds(30),
        10, 80, 80, Duration.ofMinutes(10), Map.of());
  }
}
