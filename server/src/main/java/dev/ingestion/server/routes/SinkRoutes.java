package dev.ingestion.server.routes;

import dev.ingestion.model.NotFoundException;
import dev.ingestion.security.Role;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.sink.SinkService;
import dev.ingestion.sink.SinkStatus;
import java.util.Map;

/** The sinks this process follows the change feed into: status, lag and refused chunks (docs/delivery.md). */
public final class SinkRoutes implements Routes {
  private final SinkService sinks;

  public SinkRoutes(SinkService sinks) {
    this.sinks = sinks;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("sinks");
    routes.get("/sinks", "Each configured sink: cursor, lag behind the feed, totals, state and last error", ctx -> {
      var list = sinks.statuses().stream().map(SinkStatus::asMap).toList();
      ctx.json(Map.of("count", list.size(), "sinks", list));
    }).role(Role.VIEWER);
    routes.get("/sinks/{name}/rejections", "Chunks the sink's target refused, newest first, with the target's reason",
        ctx -> {
          String name = ctx.pathParam("name");
          if (sinks.runner(name).isEmpty()) {
            throw new NotFoundException("no sink called '" + Params.clip(name) + "'; see GET /sinks");
          }
          var list = sinks.states().rejections(name, Params.intParam(ctx, "limit", 100, 1, 1000));
          ctx.json(Map.of("sink", name, "count", list.size(), "rejections", list));
        }).role(Role.VIEWER).query("limit", "integer", "At most this many (1-1000, default 100)");
  }
}
