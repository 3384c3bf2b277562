package dev.ingestion.ops.health;

import java.time.Duration;

/**
 * Disk thresholds of the filesystem check (free space below {@code diskWarnPercent} is degraded, below
 * {@code diskCriticalPercent} unhealthy) and how often the scheduler records a health check.
 */
public record HealthConfig(double diskWarnPercent, double diskCriticalPercent, Duration interval) {
  public static HealthConfig defaults() {
    return new HealthConfig(15, 5, Duration.ofSeconds(60));
  }
}
