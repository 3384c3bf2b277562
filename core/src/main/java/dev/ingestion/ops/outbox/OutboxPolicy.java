package dev.ingestion.ops.outbox;

import java.time.Duration;

/**
 * How long a notification is retried: the wait doubles from {@code retryBase} after each failed attempt,
 * up to {@code retryMax}; once {@code giveUpAfter} has passed since it was written, the next failure
 * gives it up.
 */
public record OutboxPolicy(Duration retryBase, Duration retryMax, Duration giveUpAfter) {

  public static OutboxPolicy defaults() {
    return new OutboxPolicy(Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(24));
  }

  /** The wait after the {@code failures}-th failed attempt (1-based). */
  public Duration backoff(int failures) {
    Duration d = retryBase;
    for (int i = 1; i < failures && d.compareTo(retryMax) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(retryMax) > 0 ? retryMax : d;
  }
}
