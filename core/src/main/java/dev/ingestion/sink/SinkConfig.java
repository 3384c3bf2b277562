package dev.ingestion.sink;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import java.time.Duration;

/**
 * What every sink has, whatever its target: its name (the key of its cursor), its type, how many feed
 * changes go in one write, how often it looks for new changes once caught up, the longest wait between
 * attempts while the target is down, and when an alert fires (changes waiting, chunks refused).
 */
public record SinkConfig(String name, String type, int batchSize, Duration pollInterval, Duration maxBackoff,
    long alertLag, long alertRejected) {
  public static final int DEFAULT_BATCH = 500;
  static final ConfigDef COMMON = new ConfigDef("sinks[]", "Every sink.");
  static final ConfigKey<String> NAME = COMMON.required("name",
      "unique (the key of the sink's cursor); letters, digits, '_', '-' and '.'");
  static final ConfigKey<String> TYPE = COMMON.required("type", "which kind of sink this is");
  static final ConfigKey<Integer> BATCH_SIZE = COMMON.integer("batch_size", DEFAULT_BATCH, 1, 10_000,
      "feed changes per write");
  static final ConfigKey<Duration> POLL_INTERVAL = COMMON.positiveDuration("poll_interval", Duration.ofSeconds(2),
      "how often a caught-up sink looks for new changes");
  static final ConfigKey<Duration> MAX_BACKOFF = COMMON.positiveDuration("max_backoff", Duration.ofMinutes(1),
      "longest wait between attempts while the target is down");
  static final ConfigKey<Integer> ALERT_LAG = COMMON.integer("alert_lag", 10_000, 1, Integer.MAX_VALUE,
      "changes waiting above this raise an alert");
  static final ConfigKey<Integer> ALERT_REJECTED = COMMON.integer("alert_rejected", 1, 1, Integer.MAX_VALUE,
      "chunks refused by the target at or above this raise an alert");

  /** The declaration of a sink of type {@code type}: the common keys, then its own. */
  public static ConfigDef define(String type, String description) {
    return new ConfigDef("sinks[] type: " + type, description).include(COMMON);
  }

  public static SinkConfig defaults(String name, String type) {
    return new SinkConfig(name, type, BATCH_SIZE.defaultValue(), POLL_INTERVAL.defaultValue(),
        MAX_BACKOFF.defaultValue(), ALERT_LAG.defaultValue(), ALERT_REJECTED.defaultValue());
  }
}
