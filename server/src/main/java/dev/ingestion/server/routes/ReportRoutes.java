package dev.ingestion.server.routes;

import dev.ingestion.ops.reports.CapacityReport;
import dev.ingestion.ops.reports.PerformanceReport;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import java.time.Duration;

/** The weekly performance report and the monthly capacity report. */
public final class ReportRoutes implements Routes {
  private final PerformanceReport performance;
  private final CapacityReport capacity;

  public ReportRoutes(PerformanceReport performance, CapacityReport capacity) {
    this.performance = performance;
    this.capacity = capacity;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("reports");
    routes.get("/reports/performance", "Throughput, latency per stage, error rates, slowest documents, trends",
        ctx -> ctx.json(performance.generate(Params.period(ctx, "period", Duration.ofDays(7)))))
        .query("period", "string", "Report window such as 24h, 7d or 4w (default 7d); compared with the one before");
    routes.get("/reports/capacity", "Database and disk size, growth, days until the disk is full, backlog drain time",
        ctx -> ctx.json(capacity.generate()));
  }
}
