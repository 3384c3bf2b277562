package dev.ingestion.ops.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What workers finished in a window: attempts and bytes per outcome. */
public record Activity(Instant from, Instant to, Map<String, Long> attempts, Map<String, Long> bytes) {
  public Activity {
    attempts = Map.copyOf(attempts);
    bytes = Map.copyOf(bytes);
  }

  public long count(String outcome) {
    return attempts.getOrDefault(outcome, 0L);
  }

  /** Documents finished successfully: parsed and stored, or found unchanged. */
  public long processed() {
    return count("completed") + count("unchanged");
  }

  /** Failed attempts: retried later, dead-lettered, or abandoned by a worker that stopped. */
  public long errors() {
    return count("retry_scheduled") + count("dead_letter") + count("abandoned");
  }

  /** Attempts that reached an outcome (lease_lost ones are duplicates of another attempt's work). */
  public long total() {
    return processed() + errors();
  }

  public long processedBytes() {
    return bytes.getOrDefault("completed", 0L) + bytes.getOrDefault("unchanged", 0L);
  }

  public double errorRate() {
    return total() == 0 ? 0 : (double) errors() / total();
  }

  public Duration length() {
    return Duration.between(from, to);
  }
}
