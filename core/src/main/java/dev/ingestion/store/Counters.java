package dev.ingestion.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Values of maintained counters, by counter name and then dimension (a status, a day, an hour). */
public record Counters(Map<String, Map<String, Long>> values) {
  public Counters {
    Map<String, Map<String, Long>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    values = Map.copyOf(copy);
  }

  /** Dimension to value for one counter, sorted by dimension; empty when the counter has no value. */
  public Map<String, Long> byDim(String name) {
    return new TreeMap<>(values.getOrDefault(name, Map.of()));
  }

  public long get(String name, String dim) {
    return values.getOrDefault(name, Map.of()).getOrDefault(dim, 0L);
  }

  /** The sum over every dimension of one counter. */
  public long sum(String name) {
    return values.getOrDefault(name, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }
}
