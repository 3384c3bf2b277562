package dev.ingestion.ops.alerts;

import dev.ingestion.model.IngestionException;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.model.NotFoundException;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading alerts and the operator's side of their life: acknowledge, resolve. */
public final class AlertService {
  private static final Set<String> STATUSES = Set.of("active", "acknowledged", "resolved", "open");

  private final AlertRepository alerts;
  private final AlertEvaluator evaluator;
  private final Clock clock;

  public AlertService(AlertRepository alerts, AlertEvaluator evaluator, Clock clock) {
    this.alerts = alerts;
    this.evaluator = evaluator;
    this.clock = clock;
  }

  /**
   * Alerts needing attention (active or acknowledged), most severe first. While the database is down,
   * the in-memory database alert alone.
   */
  public List<AlertRow> active() {
    List<AlertRow> out = new ArrayList<>();
    evaluator.outage().ifPresent(out::add);
    try {
      out.addAll(alerts.open());
    } catch (IngestionException e) {
      if (out.isEmpty()) {
        throw e;
      }
    }
    out.sort((a, b) -> {
      int s = Severity.fromDb(a.severity()).compareTo(Severity.fromDb(b.severity()));
      return s != 0 ? s : a.firstSeenAt().compareTo(b.firstSeenAt());
    });
    return out;
  }

  /** Alerts with {@code status} (active, acknowledged, resolved, or open = active + acknowledged), newest first. */
  public List<AlertRow> list(String status, int limit) {
    if (status == null) {
      return alerts.list(null, limit);
    }
    String s = status.toLowerCase(Locale.ROOT);
    if (!STATUSES.contains(s)) {
      throw new InvalidInputException("status must be one of active, acknowledged, resolved, open; got '" + status + "'");
    }
    if (s.equals("open")) {
      List<AlertRow> open = active();
      return open.size() > limit ? open.subList(0, limit) : open;
    }
    return alerts.list(s, limit);
  }

  public AlertRow find(long id) {
    return alerts.find(id).orElseThrow(() -> new NotFoundException("no alert " + id + "; see GET /alerts/active"));
  }

  public AlertRow acknowledge(long id, String by, String notes) {
    if (by == null || by.isBlank()) {
      throw new InvalidInputException("acknowledged_by is required: who is looking at the alert");
    }
    if (!alerts.acknowledge(id, by.trim(), notes, clock.instant())) {
      AlertRow a = find(id);
      throw new StateConflictException("alert " + id + " is " + a.status()
          + (a.acknowledgedBy() != null ? " (by " + a.acknowledgedBy() + ")" : "") + "; only active alerts can be acknowledged");
    }
    return find(id);
  }

  public AlertRow resolve(long id, String notes, String by) {
    if (!alerts.resolve(id, by == null || by.isBlank() ? "operator" : by.trim(), notes, clock.instant())) {
      AlertRow a = find(id);
      throw new StateConflictException("alert " + id + " is already " + a.status());
    }
    return find(id);
  }
}
