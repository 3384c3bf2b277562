package dev.ingestion.ops.versions;

import dev.ingestion.model.InvalidInputException;
import dev.ingestion.store.VersionRepository;
import dev.ingestion.store.VersionRepository.Removed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes old document versions and their chunks: older than {@code daysOld}, not among the newest
 * {@code keepLatest} of their document, never the current one. Works in batches so writers are never
 * blocked for long.
 */
public final class VersionCleanupService {
  static final int BATCH = 500;

  private final VersionRepository versions;
  private final Clock clock;

  public VersionCleanupService(VersionRepository versions, Clock clock) {
    this.versions = versions;
    this.clock = clock;
  }

  public record Result(boolean dryRun, int daysOld, int keepLatest, Instant cutoff, long versionsDeleted,
      long chunksDeleted, long documentsAffected) {}

  public Result cleanup(int daysOld, int keepLatest, boolean dryRun) {
    if (daysOld < 0 || daysOld > 36_500) {
      throw new InvalidInputException("days_old must be between 0 and 36500, got " + daysOld);
    }
    if (keepLatest < 1 || keepLatest > 10_000) {
      throw new InvalidInputException("keep_latest must be between 1 and 10000 (the current version is always kept),"
          + " got " + keepLatest);
    }
    Instant cutoff = clock.instant().minus(Duration.ofDays(daysOld));
    if (dryRun) {
      Removed r = versions.candidates(cutoff, keepLatest);
      return new Result(true, daysOld, keepLatest, cutoff, r.versions(), r.chunks(), r.documents());
    }
    long v = 0;
    long c = 0;
    long d = 0;
    Removed batch;
    do {
      batch = versions.deleteBatch(cutoff, keepLatest, BATCH);
      v += batch.versions();
      c += batch.chunks();
      d += batch.documents();
    } while (batch.versions() == BATCH);
    return new Result(false, daysOld, keepLatest, cutoff, v, c, d);
  }
}
