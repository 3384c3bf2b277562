package dev.ingestion.server.routes;

import dev.ingestion.ops.maintenance.MaintenanceService;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.util.Map;

/** Scheduled maintenance: the jobs and their schedule, the record of runs, and running a job now. */
public final class MaintenanceRoutes implements Routes {
  private final MaintenanceService maintenance;

  public MaintenanceRoutes(MaintenanceService maintenance) {
    this.maintenance = maintenance;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("maintenance");
    routes.get("/maintenance/jobs", "Scheduled maintenance jobs: daily or weekly, last run, next run", ctx -> {
      var jobs = maintenance.jobs();
      ctx.json(Map.of("count", jobs.size(), "jobs", jobs));
    });
    routes.get("/maintenance/runs", "Maintenance runs with their outcome, newest first", ctx -> {
      var runs = maintenance.runs(ctx.queryParam("job"), Params.intParam(ctx, "limit", 100, 1, 1000));
      ctx.json(Map.of("count", runs.size(), "runs", runs));
    })
        .query("job", "string", "Only runs of this job (analyze, optimize, vacuum, reindex, retention, dlq_cleanup,"
            + " version_cleanup, temp_cleanup)")
        .query("limit", "integer", "At most this many (1-1000, default 100)");
    routes.post("/maintenance/jobs/{job}/run", "Run a maintenance job now; the run is recorded as manual", ctx -> {
      Params.body(ctx, DlqRoutes.NoBody.class, new DlqRoutes.NoBody());
      ctx.json(maintenance.runNow(ctx.pathParam("job")));
    });
  }
}
