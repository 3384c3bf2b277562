package dev.ingestion.ops.reports;

import dev.ingestion.ops.health.DiskUsage;
import dev.ingestion.ops.health.WatchedPath;
import dev.ingestion.ops.metrics.Activity;
import dev.ingestion.ops.metrics.ActivityCounter;
import dev.ingestion.ops.metrics.GrowthService;
import dev.ingestion.store.Counters;
import dev.ingestion.store.MetricSampleRepository;
import dev.ingestion.store.MetricSampleRepository.Sample;
import dev.ingestion.store.StatsRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The monthly capacity report: how big the database and its disk are, how fast they grow, when the disk
 * fills at that pace, and how long the current backlog takes at the current throughput.
 */
public final class CapacityReport {
  /** Name of the sampled database size, as the metric sampler writes it. */
  public static final String DB_SIZE_METRIC = "database_size_bytes";

  private final StatsRepository stats;
  private final GrowthService growth;
  private final ActivityCounter activity;
  private final MetricSampleRepository samples;
  private final Supplier<List<WatchedPath>> paths;
  private final Clock clock;

  public CapacityReport(StatsRepository stats, GrowthService growth, ActivityCounter activity,
      MetricSampleRepository samples, Supplier<List<WatchedPath>> paths, Clock clock) {
    this.stats = stats;
    this.growth = growth;
    this.activity = activity;
    this.samples = samples;
    this.paths = paths;
    this.clock = clock;
  }

  public record Storage(long databaseBytes, long documents, long versions, long chunks, long sourceBytes) {}

  public record Disk(String name, String path, long freeBytes, long totalBytes, double freePercent) {}

  public record GrowthRate(double sourceBytesPerDay24h, double sourceBytesPerDay7d, double sourceBytesPerDay30d,
      double databaseBytesPerDay, String databaseGrowthMethod, Double daysUntilDiskFull) {}

  public record Backlog(long queued, long inProgress, double processedPerHour1h, double processedPerHour24h,
      Double hoursToDrain) {}

  public record Report(Instant generatedAt, Storage storage, Disk dataDisk, GrowthRate growth, Backlog backlog) {}

  public Report generate() {
    Instant now = clock.instant();
    long dbBytes = stats.databaseSizeBytes();
    Counters c = stats.counters(List.of("documents", "versions", "chunks", "version_bytes", "jobs"));
    Storage storage = new Storage(dbBytes, c.sum("documents"), c.sum("versions"), c.sum("chunks"), c.sum("version_bytes"));
    Disk disk = dataDisk().orElse(null);
    double perDay24h = growth.bytesPerDay(1);
    double perDay7 = growth.bytesPerDay(7);
    double perDay30 = growth.bytesPerDay(30);
    String method;
    double dbPerDay;
    Optional<Double> sampled = sampledGrowth(now);
    if (sampled.isPresent()) {
      dbPerDay = sampled.get();
      method = "database size samples over the last 7 days";
    } else {
      double ratio = storage.sourceBytes() == 0 ? 1 : (double) dbBytes / storage.sourceBytes();
      dbPerDay = perDay24h * ratio;
      method = "source bytes added in the last 24 h (today included) x database bytes per source byte";
    }
    Double daysToFull = disk == null || dbPerDay <= 0 ? null : Math.round(10.0 * disk.freeBytes() / dbPerDay) / 10.0;
    GrowthRate rate = new GrowthRate(Math.round(perDay24h), Math.round(perDay7), Math.round(perDay30),
        Math.round(dbPerDay), method, daysToFull);
    Activity hour = activity.between(now.minus(Duration.ofHours(1)), now);
    Activity day = activity.between(now.minus(Duration.ofHours(24)), now);
    long queued = c.get("jobs", "queued");
    long leased = c.get("jobs", "leased");
    double perHour = hour.processed() > 0 ? hour.processed() : day.processed() / 24.0;
    Double drain = queued + leased == 0 ? Double.valueOf(0) : perHour <= 0 ? null
        : Math.round(100.0 * (queued + leased) / perHour) / 100.0;
    return new Report(now, storage, disk, rate, new Backlog(queued, leased, hour.processed(),
        Math.round(day.processed() / 24.0 * 100) / 100.0, drain));
  }

  private Optional<Disk> dataDisk() {
    return paths.get().stream().filter(p -> p.role().equals("data")).findFirst().flatMap(DiskUsage::of)
        .map(u -> new Disk(u.path().name(), u.path().path().toAbsolutePath().toString(), u.freeBytes(), u.totalBytes(),
            u.freePercent()));
  }

  private Optional<Double> sampledGrowth(Instant now) {
    Optional<Sample> first = samples.firstSince(DB_SIZE_METRIC, now.minus(Duration.ofDays(7)));
    Optional<Sample> last = samples.latest(DB_SIZE_METRIC);
    if (first.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    Duration span = Duration.between(first.get().timestamp(), last.get().timestamp());
    if (span.compareTo(Duration.ofHours(6)) < 0) {
      return Optional.empty();
    }
    return Optional.of((last.get().value() - first.get().value()) / (span.toSeconds() / 86_400.0));
  }
}
