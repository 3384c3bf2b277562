package dev.ingestion.sink;

import java.time.Duration;
import java.util.Set;

/**
 * What every sink has, whatever its target: its name (the key of its cursor), its type, how many feed
 * changes go in one write, how often it looks for new changes once caught up, the longest wait between
 * attempts while the target is down, and when an alert fires (changes waiting, chunks refused).
 */
public record SinkConfig(String name, String type, int batchSize, Duration pollInterval, Duration maxBackoff,
    long alertLag, long alertRejected) {
  public static final Set<String> COMMON_KEYS =
      Set.of("name", "type", "batch_size", "poll_interval", "max_backoff", "alert_lag", "alert_rejected");
  public static final int DEFAULT_BATCH = 500;

  public static SinkConfig defaults(String name, String type) {
    return new SinkConfig(name, type, DEFAULT_BATCH, Duration.ofSeconds(2), Duration.ofMinutes(1), 10_000, 1);
  }
}
