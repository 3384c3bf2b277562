package dev.ingestion.server.routes;

import dev.ingestion.ops.health.HealthService;
import dev.ingestion.ops.health.HealthStatus;
import java.util.Map;
import dev.ingestion.server.Callers;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;

/** GET /health, /health/database, /health/filesystem. Unhealthy answers 503 so load balancers notice. */
public final class HealthRoutes implements Routes {
  private final HealthService health;

  public HealthRoutes(HealthService health) {
    this.health = health;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("health");
    routes.get("/health", "Overall status (healthy, degraded, unhealthy); every check's details with an API key,"
        + " the status alone without one", ctx -> {
          var report = health.overall();
          ctx.status(report.status() == HealthStatus.UNHEALTHY ? 503 : 200);
          if (Callers.principal(ctx).isPresent()) {
            ctx.json(report);
          } else {
            ctx.json(Map.of("status", report.status()));
          }
        }).status(503).anonymous();
    routes.get("/health/database", "Database reachability, query latency, dialect and pool usage", ctx -> {
      var check = health.database();
      ctx.status(check.status() == HealthStatus.UNHEALTHY ? 503 : 200).json(check);
    }).status(503);
    routes.get("/health/filesystem", "Data, log, temp and source folders: exist, writable, free space", ctx -> {
      var check = health.filesystem();
      ctx.status(check.status() == HealthStatus.UNHEALTHY ? 503 : 200).json(check);
    }).status(503);
  }
}
