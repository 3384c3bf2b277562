package dev.ingestion.ops;

import java.time.Duration;

/** Durations as operators write them: 90s, 15m, 24h, 7d. */
public final class Periods {
  private Periods() {}

  public static String format(Duration d) {
    long s = d.toSeconds();
    if (s != 0 && s % 86_400 == 0 && s > 86_400) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
