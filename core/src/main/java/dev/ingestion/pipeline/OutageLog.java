package dev.ingestion.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Says that a dependency (the database, the parser processes) went away once, when the first caller
 * fails, and that it came back once, when the first caller succeeds again: one line per change of state,
 * not one per thread or per retry.
 */
public final class OutageLog {
  private final Logger log;
  private final String who;
  private final String what;
  /** When the outage started (nanoTime), or 0 while all is well. */
  private final AtomicLong since = new AtomicLong();

  /** An outage of the database, said by {@code who} (the worker, a command). */
  public OutageLog(Logger log, String who) {
    this(log, who, "database");
  }

  /** An outage of {@code what} ("database", "parsing"), said by {@code who}. */
  public OutageLog(Logger log, String who, String what) {
    this.log = log;
    this.who = who;
    this.what = what;
  }

  /** A call failed: the first failure of an outage is logged, the others are not. */
  public void failed(Throwable cause) {
    if (since.compareAndSet(0, Math.max(1, System.nanoTime()))) {
      log.warn("{}: {} unavailable ({}); waiting with backoff and retrying", who, what, cause.getMessage());
    } else {
      log.debug("{}: {} still unavailable: {}", who, what, cause.getMessage());
    }
  }

  /** A call succeeded: ends an outage, if there was one. */
  public void recovered() {
    long start = since.getAndSet(0);
    if (start != 0) {
      log.warn("{}: {} available again after {} s; going on", who, what,
          Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }
  }

  public boolean down() {
    return since.get() != 0;
  }
}
