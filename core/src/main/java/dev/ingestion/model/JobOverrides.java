package dev.ingestion.model;

import java.time.Duration;

/**
 * Settings an operator can change for one replay of a dead-lettered document. Stored as {@code key=value}
 * pairs separated by ';' (e.g. {@code parse_timeout=PT5M;max_chars=50000000}).
 */
public record JobOverrides(Duration parseTimeout, Integer maxChars) {
  public static final JobOverrides NONE = new JobOverrides(null, null);

  public boolean isEmpty() {
    return parseTimeout == null && maxChars == null;
  }

  public String toText() {
    if (isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (parseTimeout != null) {
      sb.append("parse_timeout=").append(parseTimeout);
    }
    if (maxChars != null) {
      sb.append(sb.isEmpty() ? "" : ";").append("max_chars=").append(maxChars);
    }
    return sb.toString();
  }

  public static JobOverrides fromText(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    Duration timeout = null;
    Integer chars = null;
    for (String pair : text.split(";")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      switch (key) {
        case "parse_timeout" -> timeout = Duration.parse(value);
        case "max_chars" -> chars = Integer.valueOf(value);
        default -> { }
      }
    }
    return new JobOverrides(timeout, chars);
  }
}
