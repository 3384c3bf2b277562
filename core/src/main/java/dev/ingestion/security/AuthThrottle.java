package dev.ingestion.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed authentications per client address and presented key prefix ({@link Authenticator}): after
 * {@code maxFailures} within {@code window} that pair is refused for {@code throttleFor}. Kept in memory per process; a restart forgives (the database keeps
 * the events). The table is swept when it grows, so a scan from many addresses cannot exhaust memory.
 */
final class AuthThrottle {
  private static final int SWEEP_ABOVE = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Duration throttleFor;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> throttledUntil = new ConcurrentHashMap<>();

  AuthThrottle(SecurityConfig config, Clock clock) {
    this(config, config.maxFailures(), clock);
  }

  /** With its own failure count ({@code maxFailures}) and {@code config}'s window and duration. */
  AuthThrottle(SecurityConfig config, int maxFailures, Clock clock) {
    this.maxFailures = maxFailures;
    this.window = config.failureWindow();
    this.throttleFor = config.throttleFor();
    this.clock = clock;
  }

  /** How long {@code bucket} is still refused, if it is. */
  Optional<Duration> remaining(String bucket) {
    Instant until = throttledUntil.get(bucket);
    Instant now = clock.instant();
    if (until == null || !until.isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, until));
  }

  /** Counts a failure; true when it starts throttling {@code bucket}. */
  boolean failed(String bucket) {
    Instant now = clock.instant();
    if (failures.size() > SWEEP_ABOVE) {
      sweep(now);
    }
    Deque<Instant> times = failures.computeIfAbsent(bucket, c -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(now);
      while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
        times.removeFirst();
      }
      if (times.size() < maxFailures) {
        return false;
      }
      times.clear();
    }
    throttledUntil.put(bucket, now.plus(throttleFor));
    return true;
  }

  private void sweep(Instant now) {
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(window));
      }
    });
    throttledUntil.entrySet().removeIf(e -> !e.getValue().isAfter(now));
  }
}
