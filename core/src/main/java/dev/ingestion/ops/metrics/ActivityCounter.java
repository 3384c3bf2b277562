package dev.ingestion.ops.metrics;

import dev.ingestion.store.Counters;
import dev.ingestion.store.StatsRepository;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts attempts in any window fast: whole hours come from the per-hour counters, the two partial hours
 * at the edges from the attempts table (an index range of at most an hour each). Exact either way.
 */
public final class ActivityCounter {
  static final List<String> OUTCOMES =
      List.of("completed", "unchanged", "retry_scheduled", "dead_letter", "abandoned", "lease_lost");

  private final StatsRepository stats;

  public ActivityCounter(StatsRepository stats) {
    this.stats = stats;
  }

  public Activity between(Instant from, Instant to) {
    Map<String, Long> attempts = new HashMap<>();
    Map<String, Long> bytes = new HashMap<>();
    Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
    if (firstHour.isBefore(from)) {
      firstHour = firstHour.plus(1, ChronoUnit.HOURS);
    }
    Instant lastHour = to.truncatedTo(ChronoUnit.HOURS);
    // Timestamps have millisecond precision: an attempt finished at exactly `to` belongs to the window.
    Instant end = to.plusMillis(1);
    if (!firstHour.isBefore(lastHour)) {
      addExact(attempts, bytes, from, end);
    } else {
      addExact(attempts, bytes, from, firstHour);
      addHours(attempts, bytes, firstHour, lastHour);
      addExact(attempts, bytes, lastHour, end);
    }
    return new Activity(from, to, attempts, bytes);
  }

  private void addExact(Map<String, Long> attempts, Map<String, Long> bytes, Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return;
    }
    stats.attemptsBetween(from, to).forEach((outcome, v) -> {
      attempts.merge(outcome, v[0], Long::sum);
      bytes.merge(outcome, v[1], Long::sum);
    });
  }

  private void addHours(Map<String, Long> attempts, Map<String, Long> bytes, Instant from, Instant to) {
    List<String> names = new ArrayList<>();
    for (String o : OUTCOMES) {
      names.add("attempts." + o);
      names.add("attempt_bytes." + o);
    }
    Counters c = stats.counters(names, StatsRepository.HOUR.format(from), StatsRepository.HOUR.format(to));
    for (String o : OUTCOMES) {
      attempts.merge(o, c.sum("attempts." + o), Long::sum);
      bytes.merge(o, c.sum("attempt_bytes." + o), Long::sum);
    }
  }

  /** Attempts per hour in [from, to), whole hours only, as hour -> outcome -> count. */
  public Map<String, Map<String, Long>> perHour(Instant from, Instant to) {
    List<String> names = OUTCOMES.stream().map(o -> "attempts." + o).toList();
    Counters c = stats.counters(names, StatsRepository.HOUR.format(from), StatsRepository.HOUR.format(to));
    Map<String, Map<String, Long>> out = new java.util.TreeMap<>();
    for (String o : OUTCOMES) {
      c.byDim("attempts." + o).forEach((hour, n) -> out.computeIfAbsent(hour, h -> new HashMap<>()).put(o, n));
    }
    return out;
  }
}
