package dev.ingestion.pipeline;

import dev.ingestion.model.Failure;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Decides, from a classified failure alone, whether to retry and when: exponential backoff from a base
 * delay, capped, with "equal jitter" (half the delay fixed, half random) so retries of many documents
 * that failed together spread out.
 */
public final class RetryPolicy {
  private final int maxAttempts;
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  public RetryPolicy(int maxAttempts, Duration base, Duration max, RandomGenerator random) {
    this.maxAttempts = maxAttempts;
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** True when attempt number {@code attempt} (1-based) failed with {@code failure} and may run again. */
  public boolean shouldRetry(Failure failure, int attempt, int jobMaxAttempts) {
    return failure.retryable() && attempt < Math.min(maxAttempts, jobMaxAttempts);
  }

  /** Delay before the attempt after {@code attempt}. */
  public Duration delayAfter(int attempt) {
    long baseMs = Math.max(1, base.toMillis());
    int exponent = Math.min(30, Math.max(0, attempt - 1));
    long capped = Math.min(max.toMillis(), baseMs << exponent);
    long half = capped / 2;
    return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
  }
}
