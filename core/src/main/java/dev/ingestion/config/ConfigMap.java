package dev.ingestion.config;

import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A section of the configuration file, read with its dotted path in hand so every error names the field
 * (e.g. {@code sources[0].max_file_size}) and says what a valid value looks like. Built from the plain
 * maps and lists a YAML loader produces.
 */
public final class ConfigMap {

  private final String path;
  private final Map<String, Object> values;

  public ConfigMap(String path, Map<String, ?> values) {
    this.path = path;
    this.values = new LinkedHashMap<>(values == null ? Map.of() : values);
  }

  public static ConfigMap empty(String path) {
    return new ConfigMap(path, Map.of());
  }

  public String path() {
    return path;
  }

  public String field(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public boolean has(String key) {
    return values.get(key) != null;
  }

  /** Fails on keys outside {@code allowed}, naming each and suggesting the closest allowed key. */
  public void rejectUnknown(Set<String> allowed) {
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!allowed.contains(key)) {
        String hint = closest(key, allowed);
        unknown.add(field(key) + ": unknown setting" + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException(String.join("; ", unknown) + "; allowed here: "
          + String.join(", ", allowed.stream().sorted().toList()));
    }
  }

  public String string(String key, String fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(field(key) + ": expected a single value, got a " + kind(v));
    }
    return v.toString();
  }

  public String requiredString(String key) {
    String v = string(key, null);
    if (v == null || v.isBlank()) {
      throw new ConfigException(field(key) + ": required, but missing or empty");
    }
    return v;
  }

  public int integer(String key, int fallback, int min, int max) {
    Object v = values.get(key);
    return v == null ? fallback : wholeNumber(key, v, "a whole number", min, max);
  }

  /** {@code v} as a whole number from {@code min} to {@code max}; the error says {@code expected} was expected. */
  private int wholeNumber(String key, Object v, String expected, int min, int max) {
    long n;
    try {
      n = Long.parseLong(v.toString().trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(field(key) + ": expected " + expected + ", got '" + v + "'");
    }
    if (n < min || n > max) {
      throw new ConfigException(field(key) + ": must be between " + min + " and " + max + ", got " + n);
    }
    return (int) n;
  }

  /**
   * A whole number from {@code min} to {@code max}, or {@code word} (any case) for {@code fallback}; an error
   * names both.
   */
  public int integerOr(String key, String word, int fallback, int min, int max) {
    Object v = values.get(key);
    if (v == null || word.equalsIgnoreCase(v.toString().trim())) {
      return fallback;
    }
    return wholeNumber(key, v, word + " or a whole number from " + min + " to " + max, min, max);
  }

  public boolean bool(String key, boolean fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(field(key) + ": expected true or false, got '" + v + "'");
    };
  }

  /** A duration ({@link Units#CONFIG}): a bare number means seconds; units ms, s, m, h, d ({@code 30s}, {@code 10m}). */
  public Duration duration(String key, Duration fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    Duration d = Units.CONFIG.parse(v.toString());
    if (d == null) {
      throw new ConfigException(
          field(key) + ": expected a duration such as 30, 30s, 500ms, 10m, 2h or 7d, got '" + v + "'");
    }
    return d;
  }

  /** A size in bytes ({@link Units#bytes}): a bare number means bytes; units KB, MB, GB, TB (powers of 1024). */
  public long bytes(String key, long fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    long bytes = Units.bytes(v.toString());
    if (bytes < 0) {
      throw new ConfigException(field(key) + ": expected a size such as 1048576, 500KB, 100MB or 2GB, got '" + v + "'");
    }
    return bytes;
  }

  /** A percentage 0-100, written 5 or 5%. */
  public double percent(String key, double fallback) {
    String raw = string(key, null);
    if (raw == null) {
      return fallback;
    }
    String s = raw.trim();
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    try {
      double v = Double.parseDouble(s);
      if (v < 0 || v > 100 || Double.isNaN(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(field(key) + ": expected a percentage between 0 and 100 such as 5 or 5%, got '" + raw + "'");
    }
  }

  public List<String> strings(String key, List<String> fallback) {
    Object v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o == null || o instanceof Map || o instanceof List) {
          throw new ConfigException(field(key) + ": expected a list of strings");
        }
        out.add(o.toString());
      }
      return out;
    }
    return List.of(v.toString());
  }

  @SuppressWarnings("unchecked")
  public ConfigMap section(String key) {
    Object v = values.get(key);
    if (v == null) {
      return empty(field(key));
    }
    if (!(v instanceof Map)) {
      throw new ConfigException(field(key) + ": expected a section of key: value settings, got a " + kind(v));
    }
    return new ConfigMap(field(key), (Map<String, ?>) v);
  }

  @SuppressWarnings("unchecked")
  public List<ConfigMap> sections(String key) {
    Object v = values.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new ConfigException(field(key) + ": expected a list (each item starting with '- '), got a " + kind(v));
    }
    List<ConfigMap> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (!(item instanceof Map)) {
        throw new ConfigException(field(key) + "[" + i + "]: expected a section of key: value settings");
      }
      out.add(new ConfigMap(field(key) + "[" + i + "]", (Map<String, ?>) item));
    }
    return out;
  }

  public Map<String, Object> raw() {
    return Map.copyOf(values);
  }

  private static String kind(Object v) {
    return v instanceof Map ? "section" : v instanceof List ? "list" : "value";
  }

  private static String closest(String key, Set<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
