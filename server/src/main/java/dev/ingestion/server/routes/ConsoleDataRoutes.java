package dev.ingestion.server.routes;

import dev.ingestion.ops.metrics.ThroughputSeries;
import dev.ingestion.server.BadRequestException;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.DocumentSearch;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the operator console needs beyond the runbook's: document search and hourly throughput. */
public final class ConsoleDataRoutes implements Routes {
  private static final List<String> STATUSES =
      List.of("pending", "processing", "completed", "failed", "dead_letter", "deleted");

  private final DocumentSearch search;
  private final ThroughputSeries throughput;

  public ConsoleDataRoutes(DocumentSearch search, ThroughputSeries throughput) {
    this.search = search;
    this.throughput = throughput;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("documents");
    routes.get("/documents", "Search documents by path or title fragment, status and source; newest first, paged",
        ctx -> ctx.json(page(search.search(query(ctx)))))
        .query("q", "string", "Part of the path (external id) or title, any case")
        .query("status", "string", "Only this status: " + String.join(", ", STATUSES))
        .query("source", "string", "Only documents of this source")
        .query("before", "integer", "Page cursor: next_before of the previous page (documents with a smaller id)")
        .query("limit", "integer", "At most this many (1-200, default 25)");
    routes.tag("metrics");
    routes.get("/metrics/throughput", "Documents processed and failed per hour, with the error rate, for charts",
        ctx -> ctx.json(throughput.hourly(period(ctx))))
        .query("period", "string", "Look-back window such as 6h, 24h or 7d, in whole hours (default 24h, at most 31d)");
  }

  private static DocumentSearch.Query query(Context ctx) {
    String status = ctx.queryParam("status");
    if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
      throw new BadRequestException("invalid_parameter", "status must be one of " + String.join(", ", STATUSES)
          + ", got '" + Params.clip(status) + "'");
    }
    String text = ctx.queryParam("q");
    if (text != null && text.length() > 200) {
      throw new BadRequestException("invalid_parameter", "q must be at most 200 characters");
    }
    Long before = ctx.queryParam("before") == null ? null
        : (long) Params.intParam(ctx, "before", 1, 1, Integer.MAX_VALUE);
    return new DocumentSearch.Query(text, status, ctx.queryParam("source"), before,
        Params.intParam(ctx, "limit", 25, 1, 200));
  }

  private static Map<String, Object> page(DocumentSearch.Page page) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", page.documents().size());
    out.put("documents", page.documents());
    out.put("next_before", page.nextBefore());
    out.put("scanned_ids", Map.of("from", page.scannedFrom(), "below", page.scannedTo()));
    return out;
  }

  private static Duration period(Context ctx) {
    Duration d = Params.period(ctx, "period", Duration.ofHours(24));
    if (d.compareTo(Duration.ofDays(31)) > 0) {
      throw new BadRequestException("invalid_period", "period must be at most 31d for hourly points");
    }
    return d;
  }
}
