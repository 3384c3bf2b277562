package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Misbehaving parsers on demand, for the fault tests only: with the system property {@value #PROPERTY}
 * set to {@code true} (never in production; the worker forwards it to its parser children), a document
 * whose file name starts with {@code hook-spin} makes the parser loop forever and one starting with
 * {@code hook-allocate} makes it allocate until the heap is exhausted; one starting with
 * {@code hook-sleep} is parsed as usual after {@value #SLEEP_MILLIS} ms (a document in flight beside one of
 * the others). Without the property file names mean nothing.
 */
final class ParserTestHooks {
  static final String PROPERTY = "ingestion.parse.test-hooks";
  static final long SLEEP_MILLIS = 3_000;

  private ParserTestHooks() {}

  static boolean enabled() {
    return Boolean.getBoolean(PROPERTY);
  }

  /** Misbehaves as the file name asks, if hooks are enabled; returns normally otherwise. */
  static void apply(String fileName) {
    if (!enabled() || fileName == null) {
      return;
    }
    if (fileName.startsWith("hook-spin")) {
      spin();
    } else if (fileName.startsWith("hook-allocate")) {
      allocate();
    } else if (fileName.startsWith("hook-sleep")) {
      try {
        Thread.sleep(SLEEP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @SuppressWarnings("InfiniteLoopStatement")
  private static void spin() {
    long x = 0;
    while (true) {
      x = x * 31 + 1;
      if (x == 42) {
        Thread.onSpinWait();
      }
    }
  }

  private static void allocate() {
    List<long[]> hoard = new ArrayList<>();
    while (true) {
      hoard.add(new long[1 << 20]);
    }
  }
}
