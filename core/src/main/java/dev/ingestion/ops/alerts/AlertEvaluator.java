package dev.ingestion.ops.alerts;

import dev.ingestion.model.IngestionException;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.StatsRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules and reconciles their findings with the stored alerts: a new finding opens an alert, a
 * repeated one refreshes it (one open alert per rule and key), a finding that is gone resolves its alert
 * automatically. An unreachable database cannot be stored in itself: that alert lives in memory while
 * the outage lasts and is written to the history when the database is back.
 */
public final class AlertEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

  private final AlertRules rules;
  private final AlertRepository alerts;
  private final StatsRepository stats;
  private final AlertNotifier notifier;
  private final Clock clock;
  private final EscalationConfig priorities;
  private volatile AlertRow outage;

  public AlertEvaluator(AlertRules rules, AlertRepository alerts, StatsRepository stats, AlertNotifier notifier,
      Clock clock) {
    this(rules, alerts, stats, notifier, clock, EscalationConfig.defaults());
  }

  /** {@code priorities} gives each new alert its incident priority. */
  public AlertEvaluator(AlertRules rules, AlertRepository alerts, StatsRepository stats, AlertNotifier notifier,
      Clock clock, EscalationConfig priorities) {
    this.priorities = priorities;
    this.rules = rules;
    this.alerts = alerts;
    this.stats = stats;
    this.notifier = notifier;
    this.clock = clock;
  }

  /** What one evaluation did. */
  public record Outcome(int firing, int opened, int resolved) {}

  public synchronized Outcome evaluate() {
    Instant now = clock.instant();
    List<Firing> firing;
    try {
      stats.ping();
      firing = rules.evaluate(now);
    } catch (IngestionException e) {
      databaseDown(now, e);
      return new Outcome(1, outage != null ? 1 : 0, 0);
    }
    if (outage != null) {
      recordOutage(now);
    }
    return reconcile(firing, now);
  }

  private Outcome reconcile(List<Firing> firing, Instant now) {
    Map<String, AlertRow> open = new HashMap<>();
    for (AlertRow row : alerts.open()) {
      open.put(row.rule() + "/" + row.key(), row);
    }
    int opened = 0;
    for (Firing f : firing) {
      AlertRow existing = open.remove(f.rule() + "/" + f.key());
      if (existing == null) {
        String priority = priority(f);
        long id = alerts.open(f, priority, now, now);
        opened++;
        LOG.atLevel(Severity.fromDb(f.severity()).logLevel()).log("alert {} opened [{} {}] {}: {}", id, priority,
            f.severity(), f.rule(), f.message());
        announce("opened", id);
      } else {
        alerts.refresh(existing.id(), f, now);
        if (Severity.fromDb(f.severity()).above(Severity.fromDb(existing.severity()))) {
          LOG.atLevel(Severity.fromDb(f.severity()).logLevel()).log("alert {} worsened from {} to {} [{}] {}: {}",
              existing.id(), existing.severity(), f.severity(), existing.priority(), f.rule(), f.message());
          announce("escalated", existing.id());
        }
      }
    }
    int resolved = 0;
    for (AlertRow stale : open.values()) {
      if (AlertRules.EVALUATED.contains(stale.rule())
          && alerts.resolve(stale.id(), "auto", "condition cleared at " + now, now)) {
        resolved++;
        LOG.info("alert {} resolved: {} cleared", stale.id(), stale.rule());
        alerts.find(stale.id()).ifPresent(a -> notifier.notify("resolved", a));
      }
    }
    return new Outcome(firing.size(), opened, resolved);
  }

  private String priority(Firing f) {
    return priorities.priorityOf(f.rule(), Severity.fromDb(f.severity())).name();
  }

  /** Tells the notifier; the alert's notified_at is set when a notice is actually delivered. */
  private void announce(String event, long id) {
    alerts.find(id).ifPresent(a -> notifier.notify(event, a));
  }

  private void databaseDown(Instant now, IngestionException e) {
    if (outage == null) {
      outage = new AlertRow(0, AlertRules.DATABASE, "database", Severity.CRITICAL.dbValue(), "active",
          "database unreachable: " + e.getMessage(), null, null, now, now, null, null, null, null, null, null, now,
          priorities.priorityOf(AlertRules.DATABASE, Severity.CRITICAL).name());
      LOG.error("alert opened [{} critical] {}: database unreachable: {}", outage.priority(), AlertRules.DATABASE,
          e.getMessage());
      notifier.notify("opened", outage);
    } else {
      AlertRow o = outage;
      outage = new AlertRow(0, o.rule(), o.key(), o.severity(), o.status(), o.message(), null, null, o.firstSeenAt(),
          now, null, null, null, null, null, null, o.notifiedAt(), o.priority());
    }
  }

  private void recordOutage(Instant now) {
    AlertRow o = outage;
    try {
      long id = alerts.open(new Firing(o.rule(), o.key(), o.severity(), o.message(), null, null), o.priority(),
          o.firstSeenAt(), now);
      alerts.resolve(id, "auto", "database reachable again at " + now, now);
      alerts.find(id).ifPresent(a -> notifier.notify("resolved", a));
      outage = null;
    } catch (IngestionException e) {
      LOG.warn("could not record the database outage yet: {}", e.getMessage());
    }
  }

  /** The in-memory database alert, while the database is unreachable. */
  public Optional<AlertRow> outage() {
    return Optional.ofNullable(outage);
  }
}
