package dev.ingestion.server.routes;

import dev.ingestion.ops.sources.SourceCheckService;
import dev.ingestion.ops.sources.SourceSyncService;
import dev.ingestion.pipeline.DiscoveryResult;
import dev.ingestion.server.BadRequestException;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sources: list with last sync, sync now, and connectivity checks of each kind of source. */
public final class SourceRoutes implements Routes {
  private final SourceSyncService sync;
  private final SourceCheckService checks;

  public SourceRoutes(SourceSyncService sync, SourceCheckService checks) {
    this.sync = sync;
    this.checks = checks;
  }

  /** POST /test/sharepoint. */
  public record SharePointCheck(String endpoint) {}

  /** POST /test/s3. */
  public record S3Check(String bucket) {}

  /** POST /test/database and /test/filesystem. */
  public record NamedCheck(String source) {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("sources");
    routes.get("/sources", "Configured sources with schedule, last sync and next scheduled sync", ctx -> {
      var list = sync.list();
      ctx.json(Map.of("count", list.size(), "sources", list));
    });
    routes.post("/sources/{name}/sync", "List the source now and queue what is new or changed", ctx -> {
      String name = ctx.pathParam("name");
      boolean wait = bool(ctx.queryParam("wait"));
      CompletableFuture<DiscoveryResult> run = sync.sync(name, "api");
      if (!wait) {
        ctx.status(202).json(Map.of("source", name, "status", "started", "see", "GET /sources"));
        return;
      }
      ctx.json(Map.of("source", name, "status", "completed", "result", await(run)));
    }).query("wait", "boolean", "true: answer when the listing is done, with its counts (default false: 202 at once)")
        .status(202);
    routes.post("/sources/{name}/resume", "Resume a source paused because it refused our credentials", ctx -> {
      Params.body(ctx, DlqRoutes.NoBody.class, new DlqRoutes.NoBody());
      ctx.json(sync.resume(ctx.pathParam("name")));
    }).status(409);
    routes.post("/test/sharepoint", "Check the SharePoint source whose site matches endpoint", ctx -> {
      SharePointCheck b = Params.body(ctx, SharePointCheck.class, new SharePointCheck(null));
      ctx.json(checks.check("sharepoint", b.endpoint()));
    }).body(SharePointCheck.class, false, "Host or site URL of the source (optional when only one is configured)");
    routes.post("/test/s3", "Check the S3 source of bucket", ctx -> {
      S3Check b = Params.body(ctx, S3Check.class, new S3Check(null));
      ctx.json(checks.check("s3", b.bucket()));
    }).body(S3Check.class, false, "Bucket name (optional when only one is configured)");
    routes.post("/test/database", "Check the database source called source", ctx -> {
      NamedCheck b = Params.body(ctx, NamedCheck.class, new NamedCheck(null));
      ctx.json(checks.check("database", b.source()));
    }).body(NamedCheck.class, false, "Source name (optional when only one is configured)");
    routes.post("/test/filesystem", "Check the filesystem source called source", ctx -> {
      NamedCheck b = Params.body(ctx, NamedCheck.class, new NamedCheck(null));
      ctx.json(checks.check("filesystem", b.source()));
    }).body(NamedCheck.class, false, "Source name or part of its path (optional when only one is configured)");
  }

  private static boolean bool(String raw) {
    if (raw == null || raw.isBlank()) {
      return false;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new BadRequestException("invalid_parameter", "wait must be true or false, got '" + Params.clip(raw) + "'");
    };
  }

  private static DiscoveryResult await(CompletableFuture<DiscoveryResult> run) throws InterruptedException {
    try {
      return run.get(10, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new BadRequestException("timeout", "the listing is still running after 10 minutes; see GET /sources");
    }
  }
}
