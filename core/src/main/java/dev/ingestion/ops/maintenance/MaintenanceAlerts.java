package dev.ingestion.ops.maintenance;

import dev.ingestion.ops.alerts.AlertNotifier;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.MaintenanceRunRepository.Run;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed maintenance job raises a high alert ({@code maintenance_failed}, keyed by job); the job's
 * next successful run resolves it. The alert rules never auto-resolve it: only a run can.
 */
public final class MaintenanceAlerts {
  public static final String RULE = "maintenance_failed";
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceAlerts.class);

  private final AlertRepository alerts;
  private final AlertNotifier notifier;
  private final EscalationConfig priorities;

  public MaintenanceAlerts(AlertRepository alerts, AlertNotifier notifier, EscalationConfig priorities) {
    this.alerts = alerts;
    this.notifier = notifier;
    this.priorities = priorities;
  }

  void after(Run run) {
    Optional<AlertRow> open = alerts.open().stream()
        .filter(a -> a.rule().equals(RULE) && a.key().equals(run.job())).findFirst();
    if (run.outcome().equals("failed")) {
      Firing f = new Firing(RULE, run.job(), Severity.HIGH.dbValue(), "maintenance job " + run.job() + " ("
          + run.schedule() + ") failed: " + run.error() + "; see GET /maintenance/runs?job=" + run.job(), null, null);
      if (open.isPresent()) {
        alerts.refresh(open.get().id(), f, run.finishedAt());
      } else {
        String priority = priorities.priorityOf(RULE, Severity.HIGH).name();
        long id = alerts.open(f, priority, run.startedAt(), run.finishedAt());
        LOG.atLevel(Severity.HIGH.logLevel()).log("alert {} opened [{} high] {}: {}", id, priority, RULE, f.message());
        alerts.find(id).ifPresent(a -> notifier.notify("opened", a));
      }
    } else if (open.isPresent() && alerts.resolve(open.get().id(), "auto",
        "maintenance job " + run.job() + " succeeded at " + run.finishedAt(), run.finishedAt())) {
      alerts.find(open.get().id()).ifPresent(a -> notifier.notify("resolved", a));
    }
  }
}
