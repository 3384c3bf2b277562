package dev.ingestion.ops.metrics;

import dev.ingestion.store.Counters;
import dev.ingestion.store.StatsRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Growth of the store per UTC day, from the per-day counters the triggers maintain. */
public final class GrowthService {
  private static final List<String> NAMES =
      List.of("growth.documents", "growth.versions", "growth.chunks", "growth.bytes");

  private final StatsRepository stats;
  private final Clock clock;

  public GrowthService(StatsRepository stats, Clock clock) {
    this.stats = stats;
    this.clock = clock;
  }

  public record Day(String date, long documents, long versions, long chunks, long bytes) {}

  public record Totals(long documents, long versions, long chunks, long versionBytes) {}

  public record PerDay(double documents, double versions, double chunks, double bytes) {}

  public record Growth(int days, String from, String to, List<Day> perDay, Day added, PerDay averagePerDay,
      Totals totals) {}

  /** The last {@code days} days, today included; days without activity are listed with zeros. */
  public Growth growth(int days) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate first = today.minusDays(days - 1L);
    Counters c = stats.counters(NAMES, first.toString(), today.plusDays(1).toString());
    List<Day> perDay = new ArrayList<>();
    long d = 0;
    long v = 0;
    long ch = 0;
    long b = 0;
    for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
      String key = day.toString();
      Day row = new Day(key, c.get("growth.documents", key), c.get("growth.versions", key),
          c.get("growth.chunks", key), c.get("growth.bytes", key));
      perDay.add(row);
      d += row.documents();
      v += row.versions();
      ch += row.chunks();
      b += row.bytes();
    }
    Counters totals = stats.counters(List.of("documents", "versions", "chunks", "version_bytes"));
    return new Growth(days, first.toString(), today.toString(), perDay, new Day("total", d, v, ch, b),
        new PerDay(StatsService.round((double) d / days), StatsService.round((double) v / days),
            StatsService.round((double) ch / days), StatsService.round((double) b / days)),
        new Totals(totals.sum("documents"), totals.sum("versions"), totals.sum("chunks"), totals.sum("version_bytes")));
  }

  /**
   * Version bytes added per day over the last {@code days} x 24 hours, today included (the first day of
   * an installation grows too). The counters are per UTC day: the oldest day counts for the part of it
   * inside the window.
   */
  public double bytesPerDay(int days) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate oldest = today.minusDays(days);
    Counters c = stats.counters(List.of("growth.bytes"), oldest.toString(), today.plusDays(1).toString());
    double elapsedToday = (now.getEpochSecond() - today.atStartOfDay(ZoneOffset.UTC).toEpochSecond()) / 86_400.0;
    double oldestShare = 1 - elapsedToday;
    double bytes = c.sum("growth.bytes") - c.get("growth.bytes", oldest.toString()) * (1 - oldestShare);
    return bytes / days;
  }
}
