package dev.ingestion.server.routes;

import dev.ingestion.ops.CacheRegistry;
import dev.ingestion.ops.versions.VersionCleanupService;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.util.Map;
import java.util.function.LongSupplier;

/** Maintenance: cache clearing and version cleanup (users are in {@link SecurityRoutes}). */
public final class AdminRoutes implements Routes {
  private final CacheRegistry caches;
  private final LongSupplier compactCounters;
  private final VersionCleanupService versions;

  /** {@code compactCounters} folds pending counter updates and says how many it folded. */
  public AdminRoutes(CacheRegistry caches, LongSupplier compactCounters, VersionCleanupService versions) {
    this.caches = caches;
    this.compactCounters = compactCounters;
    this.versions = versions;
  }

  /** POST /versions/cleanup. */
  public record VersionCleanupBody(Integer daysOld, Integer keepLatest, Boolean dryRun) {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("maintenance");
    routes.post("/admin/cache/clear", "Clear this process's caches and fold pending counter updates", ctx -> {
      Params.body(ctx, DlqRoutes.NoBody.class, new DlqRoutes.NoBody());
      ctx.json(Map.of("cleared", caches.clearAll(), "counter_deltas_folded", compactCounters.getAsLong()));
    });
    routes.post("/versions/cleanup", "Delete old non-current versions and their chunks (never the current one)", ctx -> {
      VersionCleanupBody b = Params.body(ctx, VersionCleanupBody.class, new VersionCleanupBody(null, null, null));
      ctx.json(versions.cleanup(b.daysOld() == null ? 90 : b.daysOld(), b.keepLatest() == null ? 5 : b.keepLatest(),
          Boolean.TRUE.equals(b.dryRun())));
    }).body(VersionCleanupBody.class, false, "Only versions older than this many days (default 90)",
        "Versions kept per document, the newest (default 5; the current one is always kept)",
        "true: only count what would be deleted");
  }
}
