package dev.ingestion.ops.health;

import java.time.Instant;
import java.util.Map;

/** The result of checking one component: status, how long the check took, a message and details. */
public record ComponentHealth(String component, HealthStatus status, Instant checkedAt, double latencyMs, String message,
    Map<String, Object> details) {

  static ComponentHealth of(String component, HealthStatus status, Instant at, double latencyMs, String message,
      Map<String, Object> details) {
    return new ComponentHealth(component, status, at, Math.round(latencyMs * 100) / 100.0, message, details);
  }
}
