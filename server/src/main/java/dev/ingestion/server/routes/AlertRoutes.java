package dev.ingestion.server.routes;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.ops.alerts.AlertService;
import dev.ingestion.server.Json;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.ops.outbox.OutboxDelivery;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.OutboxRepository.Message;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Alerts: what is firing, history, and the operator's acknowledge and resolve. */
public final class AlertRoutes implements Routes {
  private static final ObjectMapper MAPPER = Json.mapper();

  private final AlertService alerts;
  private final EscalationRepository escalations;
  private final OutboxRepository outbox;

  public AlertRoutes(AlertService alerts, EscalationRepository escalations, OutboxRepository outbox) {
    this.alerts = alerts;
    this.escalations = escalations;
    this.outbox = outbox;
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
    routes.get("/alerts/{alert_id}", "One alert with its priority, every escalation step taken and the delivery"
        + " state of each notice sent about it",
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
    out.put("notifications", outbox.forAlert(alert.id()).stream().map(AlertRoutes::notice).toList());
    return out;
  }

  /** A notice without its text; a webhook shown up to its host (its path may carry a token). */
  private static Map<String, Object> notice(Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("event", m.event());
    out.put("channel", m.channel());
    out.put("target", OutboxDelivery.describe(m.channel(), m.target()));
    out.put("status", m.status());
    out.put("failures", m.failures());
    out.put("last_error", m.lastError());
    out.put("created_at", m.createdAt());
    out.put("next_attempt_at", m.status().equals("pending") ? m.nextAttemptAt() : null);
    out.put("delivered_at", m.deliveredAt());
    return out;
  }
}
