package dev.ingestion.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** A value computed at most once per {@code ttl}; {@link #clear} forgets it. Thread-safe. */
public final class Memo<T> {
  private final Duration ttl;
  private final Clock clock;
  private final Supplier<T> compute;
  private T value;
  private Instant computedAt;

  public Memo(Duration ttl, Clock clock, Supplier<T> compute) {
    this.ttl = ttl;
    this.clock = clock;
    this.compute = compute;
  }

  public synchronized T get() {
    Instant now = clock.instant();
    if (computedAt == null || !now.isBefore(computedAt.plus(ttl))) {
      value = compute.get();
      computedAt = now;
    }
    return value;
  }

  /** Forgets the value; true when there was one. */
  public synchronized boolean clear() {
    boolean had = computedAt != null;
    value = null;
    computedAt = null;
    return had;
  }
}
