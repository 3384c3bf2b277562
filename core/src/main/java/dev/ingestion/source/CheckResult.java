package dev.ingestion.source;

import java.time.Duration;
import java.util.Map;

/** Outcome of a connectivity check: reachable, authenticated, allowed to list, and how fast. */
public record CheckResult(boolean ok, Duration latency, String message, Map<String, Object> details) {
  public CheckResult {
    details = Map.copyOf(details);
  }
}
