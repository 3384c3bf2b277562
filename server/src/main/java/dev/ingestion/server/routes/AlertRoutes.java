package dev.ingestion.server.routes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.ops.alerts.AlertService;
import dev.ingestion.server.Json;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.EscalationRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts: what is firing, history, and the operator's acknowledge and resolve. */
public final class AlertRoutes implements Routes {
  private static final ObjectMapper MAPPER = Json.mapper();

  private final AlertService alerts;
  private final EscalationRepository escalations;

  public AlertRoutes(AlertService alerts, EscalationRepository escalations) {
    this.alerts = alerts;
    this.escalations = escalations;
  }

  /** POST /alerts/{alert_id}/acknowledge. */
  public record AcknowledgeBody(String acknowledgedBy, String notes) {}

  /** POST /alerts/{alert_id}/resolve. */
  public record ResolveBody(String resolutionNotes, String resolvedBy) {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("alerts");
    routes.get("/alerts/active", "Alerts firing now (active or acknowledged), most severe first", ctx -> {
      List<AlertRow> active = alerts.active();
      Map<String, Long> bySeverity = new LinkedHashMap<>();
      for (String s : List.of("critical", "high", "medium", "low")) {
        bySeverity.put(s, active.stream().filter(a -> a.severity().equals(s)).count());
      }
      ctx.json(Map.of("count", active.size(), "by_severity", bySeverity, "alerts", active));
    });
    routes.get("/alerts", "Alerts and their history, newest first", ctx -> {
      var list = alerts.list(ctx.queryParam("status"), Params.intParam(ctx, "limit", 100, 1, 1000));
      ctx.json(Map.of("count", list.size(), "alerts", list));
    })
        .query("status", "string", "active, acknowledged, resolved, or open (active + acknowledged); default all")
        .query("limit", "integer", "At most this many (1-1000, default 100)");
    routes.get("/alerts/{alert_id}", "One alert with its priority and every escalation step taken",
        ctx -> ctx.json(detail(alerts.find(Params.longPath(ctx, "alert_id")))));
    routes.post("/alerts/{alert_id}/acknowledge", "Acknowledge: someone is on it (notifications stop escalating it)",
        ctx -> {
          AcknowledgeBody b = Params.body(ctx, AcknowledgeBody.class, null);
          ctx.json(alerts.acknowledge(Params.longPath(ctx, "alert_id"), b.acknowledgedBy(), b.notes()));
        }).body(AcknowledgeBody.class, true, "Who acknowledges (required)", "Optional notes");
    routes.post("/alerts/{alert_id}/resolve", "Resolve by hand, with notes (fires again if the condition persists)",
        ctx -> {
          ResolveBody b = Params.body(ctx, ResolveBody.class, new ResolveBody(null, null));
          ctx.json(alerts.resolve(Params.longPath(ctx, "alert_id"), b.resolutionNotes(), b.resolvedBy()));
        }).body(ResolveBody.class, false, "What fixed it", "Who resolved it (default: operator)");
  }

  private Map<String, Object> detail(AlertRow alert) {
    Map<String, Object> out = MAPPER.convertValue(alert, new TypeReference<LinkedHashMap<String, Object>>() { });
    out.put("escalations", escalations.steps(alert.id()));
    return out;
  }
}
