package dev.ingestion.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of durations ({@code 30s}, {@code 10m}, {@code 2w}) and sizes ({@code 100MB}) in the code
 * base: the configuration file, command options and request parameters all go through it. Each caller
 * says which units it accepts and what a bare number means, and words its own error.
 */
public final class Units {
  private static final Pattern AMOUNT = Pattern.compile("(\\d{1,15})\\s*([a-z]*)");

  /** The configuration file's durations: ms, s, m, h, d; a bare number means seconds. */
  public static final DurationFormat CONFIG = new DurationFormat(Set.of("ms", "s", "m", "h", "d"), "s");
  /** A validity or expiry: s, m, h, d, w; a bare number means seconds. */
  public static final DurationFormat VALIDITY = new DurationFormat(Set.of("s", "m", "h", "d", "w"), "s");
  /** A look-back period: m, h, d, w; a unit is required. */
  public static final DurationFormat PERIOD = new DurationFormat(Set.of("m", "h", "d", "w"), null);
  /** A schedule's interval: s, m, h, d; a unit is required. */
  public static final DurationFormat INTERVAL = new DurationFormat(Set.of("s", "m", "h", "d"), null);

  private Units() {}

  /**
   * Which units a duration may carry, and the unit of a bare number ({@code null}: a unit is required).
   */
  public record DurationFormat(Set<String> units, String bareUnit) {
    public DurationFormat {
      units = Set.copyOf(units);
    }

    /** The duration {@code text} means, or null when it is not one in this format. */
    public Duration parse(String text) {
      Matcher m = AMOUNT.matcher(text.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        return null;
      }
      String unit = m.group(2).isEmpty() ? bareUnit : m.group(2);
      if (unit == null || !units.contains(unit)) {
        return null;
      }
      long n = Long.parseLong(m.group(1));
      try {
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          case "w" -> Duration.ofDays(Math.multiplyExact(7, n));
          default -> Duration.ofSeconds(n);
        };
      } catch (ArithmeticException e) {
        return null;
      }
    }
  }

  /** Bytes {@code text} means (a bare number: bytes; KB, MB, GB, TB: powers of 1024), or -1 when not a size. */
  public static long bytes(String text) {
    Matcher m = AMOUNT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return -1;
    }
    int shift = switch (m.group(2)) {
      case "", "b" -> 0;
      case "k", "kb" -> 10;
      case "m", "mb" -> 20;
      case "g", "gb" -> 30;
      case "t", "tb" -> 40;
      default -> -1;
    };
    long n = Long.parseLong(m.group(1));
    if (shift < 0 || Long.numberOfLeadingZeros(n) <= shift) {
      return -1;
    }
    return n << shift;
  }

  /** How a duration is written back: the largest unit that divides it ({@code 90s}, {@code 5m}, {@code 7d}). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3600 == 0) {
      return s / 3600 + "h";
    }
    return s % 60 == 0 ? s / 60 + "m" : s + "s";
  }

  /** How a size is written back: {@code 100MB}, {@code 512KB}, or bytes. */
  public static String formatBytes(long bytes) {
    String[] units = {"TB", "GB", "MB", "KB"};
    int[] shifts = {40, 30, 20, 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes != 0 && bytes % (1L << shifts[i]) == 0) {
        return (bytes >> shifts[i]) + units[i];
      }
    }
    return Long.toString(bytes);
  }
}
