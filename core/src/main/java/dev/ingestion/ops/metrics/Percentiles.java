package dev.ingestion.ops.metrics;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of milliseconds; every field is null for an empty sample. */
public record Percentiles(long count, Long p50, Long p90, Long p95, Long p99, Long max, Long mean) {
  public static Percentiles of(long[] values) {
    if (values.length == 0) {
      return new Percentiles(0, null, null, null, null, null, null);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    long sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 95), rank(sorted, 99),
        sorted[sorted.length - 1], Math.round((double) sum / sorted.length));
  }

  private static long rank(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
