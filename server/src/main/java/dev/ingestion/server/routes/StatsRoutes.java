package dev.ingestion.server.routes;

import dev.ingestion.ops.Periods;
import dev.ingestion.ops.metrics.GrowthService;
import dev.ingestion.security.SecurityReport;
import dev.ingestion.ops.metrics.StatsService;
import dev.ingestion.server.ApiMetrics;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Processing statistics and metrics: /stats, /metrics/*, and /metrics in Prometheus text format. */
public final class StatsRoutes implements Routes {
  private static final String PERIOD = "Look-back window such as 30m, 24h, 7d or 2w (default 24h, at most 3650d)";

  private final StatsService stats;
  private final GrowthService growth;
  private final ApiMetrics metrics;
  private final SecurityReport security;

  public StatsRoutes(StatsService stats, GrowthService growth, ApiMetrics metrics, SecurityReport security) {
    this.security = security;
    this.stats = stats;
    this.growth = growth;
    this.metrics = metrics;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("stats");
    routes.get("/stats", "Documents by status, processed and failed in the period, throughput, bytes, queue",
        ctx -> ctx.json(stats.stats(Params.period(ctx, "period", Duration.ofHours(24)))))
        .query("period", "string", PERIOD);
    routes.tag("metrics");
    routes.get("/metrics/error_rate", "Failed attempts as a fraction of all attempts in the period",
        ctx -> ctx.json(stats.errorRate(Params.period(ctx, "period", Duration.ofHours(24)))))
        .query("period", "string", PERIOD);
    routes.get("/metrics/processing_time", "p50/p90/p95/p99/max processing time, in total and per stage",
        ctx -> ctx.json(stats.processingTimes(Params.period(ctx, "period", Duration.ofHours(24)))))
        .query("period", "string", PERIOD);
    routes.get("/metrics/growth", "Documents, versions, chunks and bytes added per day",
        ctx -> ctx.json(growth.growth(Params.intParam(ctx, "days", 30, 1, 3650))))
        .query("days", "integer", "How many days back, today included (1-3650, default 30)");
    routes.get("/metrics", "Prometheus text exposition: pipeline gauges, worker counters, JVM and HTTP metrics",
        ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    routes.get("/metrics/security", "Failed authentications, throttled clients, suspicious requests, role denials,"
        + " users, disabled users and active keys over a window; this process's request counts since start", ctx -> {
          Duration window = Params.period(ctx, "window", Duration.ofHours(24));
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("window", Periods.format(window));
          out.put("security", security.over(window));
          out.put("process", metrics.security().report());
          ctx.json(out);
        }).query("window", "string", "Look-back window such as 30m, 24h, 7d (default 24h)");
  }
}
