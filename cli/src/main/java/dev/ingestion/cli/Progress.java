package dev.ingestion.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows how an ingest run is going: a redrawn bar on a terminal, a plain line every few seconds
 * otherwise (logs, CI), nothing when disabled.
 */
final class Progress {
  enum Mode { BAR, LINES, OFF }

  private static final long LINE_EVERY_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final Mode mode;
  private final long startNanos = System.nanoTime();
  private long lastLineNanos;
  private String phase = "listing";

  Progress(PrintStream out, Mode mode) {
    this.out = out;
    this.mode = mode;
  }

  static Mode detect(boolean disabled) {
    if (disabled) {
      return Mode.OFF;
    }
    boolean tty = Boolean.getBoolean("ingestion.tty") && !"dumb".equals(System.getenv("TERM"));
    return tty ? Mode.BAR : Mode.LINES;
  }

  void phase(String name) {
    this.phase = name;
  }

  /** Draws the current state: {@code done} documents finished, {@code remaining} still queued or running. */
  void update(long done, long remaining, long deadLettered, long bytes, LongSupplier listed) {
    long now = System.nanoTime();
    if (mode == Mode.OFF || (mode == Mode.LINES && now - lastLineNanos < LINE_EVERY_NANOS)) {
      return;
    }
    lastLineNanos = now;
    double secs = Math.max(0.001, (now - startNanos) / 1e9);
    long total = done + remaining;
    double rate = done / secs;
    String eta = rate > 0 && remaining > 0 ? " ETA " + clock((long) (remaining / rate)) : "";
    String stats = String.format(Locale.ROOT, "%,d/%,d docs  %.1f docs/s  %.1f MB/s  dlq %,d%s",
        done, total, rate, bytes / 1e6 / secs, deadLettered, eta);
    if ("listing".equals(phase)) {
      stats = String.format(Locale.ROOT, "listing: %,d found; ", listed.getAsLong()) + stats;
    }
    if (mode == Mode.BAR) {
      out.print("\r" + bar(done, total) + " " + stats + "   ");
    } else {
      out.println("progress: " + stats);
    }
    out.flush();
  }

  void finish() {
    if (mode == Mode.BAR) {
      out.println();
    }
  }

  private static String bar(long done, long total) {
    int width = 24;
    int filled = total == 0 ? width : (int) Math.min(width, done * width / total);
    return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
  }

  static String clock(long seconds) {
    return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }
}
