package dev.ingestion.server.routes;

import dev.ingestion.ops.health.HealthService;
import dev.ingestion.ops.health.HealthStatus;
import java.util.Map;
import dev.ingestion.server.Callers;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;

/**
 * GET /health, /health/database, /health/filesystem. Unhealthy answers 503 so load balancers notice. Without
 * a key, /health answers the status of the last scheduled check; with one, a check at most a second old.
 * No answer writes to the database: only the scheduler records checks.
 */
public final class HealthRoutes implements Routes {
  private final HealthService health;

  public HealthRoutes(HealthService health) {
    this.health = health;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("health");
    routes.get("/health", "Overall status (healthy, degraded, unhealthy): with an API key every check's details,"
        + " at most a second old; without one the status alone, of the last scheduled check", ctx -> {
          if (Callers.principal(ctx).isPresent()) {
            var report = health.fresh();
            ctx.status(report.status() == HealthStatus.UNHEALTHY ? 503 : 200).json(report);
          } else {
            var report = health.latest();
            ctx.status(report.status() == HealthStatus.UNHEALTHY ? 503 : 200).json(Map.of("status", report.status()));
          }
        }).status(503).anonymous();
    routes.get("/health/database", "Database reachability, query latency, dialect and pool usage (at most a second old)", ctx -> {
      var check = health.database();
      ctx.status(check.status() == HealthStatus.UNHEALTHY ? 503 : 200).json(check);
    }).status(503);
    routes.get("/health/filesystem", "Data, log, temp and source folders: exist, writable, free space (at most a second old)", ctx -> {
      var check = health.filesystem();
      ctx.status(check.status() == HealthStatus.UNHEALTHY ? 503 : 200).json(check);
    }).status(503);
  }
}
