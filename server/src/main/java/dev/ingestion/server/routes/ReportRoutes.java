package dev.ingestion.server.routes;

import dev.ingestion.ops.reports.CapacityReport;
import dev.ingestion.ops.reports.DatabaseReport;
import dev.ingestion.ops.reports.PerformanceReport;
import dev.ingestion.ops.reports.ReconciliationReport;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.security.Role;
import dev.ingestion.server.Routes;
import java.time.Duration;

/**
 * The weekly performance report, the monthly capacity report, the reconciliation of every source and
 * the database report (slow statements, connections, locks, sizes).
 */
public final class ReportRoutes implements Routes {
  private final PerformanceReport performance;
  private final CapacityReport capacity;
  private final ReconciliationReport reconciliation;
  private final DatabaseReport database;

  public ReportRoutes(PerformanceReport performance, CapacityReport capacity, ReconciliationReport reconciliation,
      DatabaseReport database) {
    this.performance = performance;
    this.capacity = capacity;
    this.reconciliation = reconciliation;
    this.database = database;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("reports");
    routes.get("/reports/performance", "Throughput, latency per stage, error rates, slowest documents, trends",
        ctx -> ctx.json(performance.generate(Params.period(ctx, "period", Duration.ofDays(7)))))
        .query("period", "string", "Report window such as 24h, 7d or 4w (default 7d); compared with the one before");
    routes.get("/reports/capacity", "Database and disk size, growth, days until the disk is full, backlog drain time",
        ctx -> ctx.json(capacity.generate()));
    routes.get("/reports/reconcile", "Per source: discovered = completed + dead-lettered + skipped + in flight,"
        + " exactly; documents that fit none are listed as the difference", ctx -> ctx.json(
            reconciliation.generate(ctx.queryParam("source"))))
        .query("source", "string", "Only this source (default: every source)");
    routes.get("/reports/database", "PostgreSQL: slowest statements by mean time (pg_stat_statements, or why they"
        + " cannot be shown), connections by state, locks waiting, table and index sizes; SQLite: pages, free pages,"
        + " WAL size, table sizes; both: last ANALYZE/VACUUM runs and this process's pool",
        ctx -> ctx.json(database.generate(Params.intParam(ctx, "top", DatabaseReport.DEFAULT_TOP, 1, 100))))
        .query("top", "integer", "How many statements, tables and indexes to list (1-100, default 10)")
        .role(Role.VIEWER);
  }
}
