package dev.ingestion.ops.sources;

import dev.ingestion.config.Units;
import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A source's sync schedule, written {@code every 15m} (units s, m, h, d; at least a minute). */
public record Schedule(Duration every, String text) {
  private static final Pattern EVERY = Pattern.compile("every\\s+(.+)");

  public static Schedule parse(String field, String text) {
    Matcher m = EVERY.matcher(text.trim().toLowerCase(Locale.ROOT));
    Duration d = m.matches() ? Units.INTERVAL.parse(m.group(1)) : null;
    if (d == null) {
      throw new ConfigException(field + ": expected a schedule such as 'every 15m', 'every 2h' or 'every 1d', got '"
          + text + "'");
    }
    if (d.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new ConfigException(field + ": a schedule must be at least a minute apart, got '" + text + "'");
    }
    return new Schedule(d, text.trim());
  }
}
