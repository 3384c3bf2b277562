package dev.ingestion.server.routes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.ops.maintenance.MaintenanceService;
import dev.ingestion.server.Json;
import dev.ingestion.security.Role;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.MaintenanceRunRepository.Run;
import java.time.Instant;
import java.util.Map;

/** Scheduled maintenance: the jobs and their schedule, the record of runs, and running a job now. */
public final class MaintenanceRoutes implements Routes {
  private static final ObjectMapper MAPPER = Json.mapper();

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
      ctx.json(Map.of("count", runs.size(), "runs", runs.stream().map(MaintenanceRoutes::view).toList()));
    })
        .query("job", "string", "Only runs of this job (analyze, optimize, vacuum, reindex, retention, dlq_cleanup,"
            + " version_cleanup, temp_cleanup)")
        .query("limit", "integer", "At most this many (1-1000, default 100)");
    routes.post("/maintenance/jobs/{job}/run", "Run a maintenance job now; the run is recorded as manual", ctx -> {
      Params.body(ctx, DlqRoutes.NoBody.class, new DlqRoutes.NoBody());
      ctx.json(view(maintenance.runNow(ctx.pathParam("job"))));
    }).role(Role.ADMIN);
  }

  /** A run as answered: {@code details} as a JSON object, not the stored text. */
  public record RunView(long id, String job, String schedule, Instant startedAt, Instant finishedAt, String outcome,
      JsonNode details, String error) {}

  static RunView view(Run r) {
    JsonNode details;
    try {
      details = MAPPER.readTree(r.details());
    } catch (JsonProcessingException e) {
      details = MAPPER.getNodeFactory().textNode(r.details());
    }
    return new RunView(r.id(), r.job(), r.schedule(), r.startedAt(), r.finishedAt(), r.outcome(), details, r.error());
  }
}
