package dev.ingestion.ops.health;

import java.util.Optional;

/** Free space of a watched folder's disk, as alert rules and reports read it. */
public final class DiskUsage {
  private DiskUsage() {}

  /** Usage of one watched path: free and total bytes and the free percentage. */
  public record Usage(WatchedPath path, long freeBytes, long totalBytes, double freePercent) {}

  public static Optional<Usage> of(WatchedPath w) {
    DiskCheck.Result r = DiskCheck.check(w, HealthConfig.defaults());
    if (r.freePercent() == null) {
      return Optional.empty();
    }
    return Optional.of(new Usage(w, (Long) r.details().get("free_bytes"), (Long) r.details().get("total_bytes"),
        r.freePercent()));
  }
}
