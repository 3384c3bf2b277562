package dev.ingestion.ops.alerts;

import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.EscalationRepository.NewStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks active alerts through the escalation policy. An alert whose priority escalates takes each level
 * once, when the level's delay since the alert first fired has passed; acknowledging or resolving the
 * alert stops it. Each step is claimed in {@code alert_escalations} first, then its webhook and e-mail
 * notices are written to the outbox, which delivers them with retries and records the outcome on the step.
 */
public final class AlertEscalator {
  private static final Logger LOG = LoggerFactory.getLogger(AlertEscalator.class);

  private final EscalationConfig config;
  private final AlertRepository alerts;
  private final EscalationRepository steps;
  private final AlertNotifications notifications;
  private final Clock clock;
  private final Supplier<Optional<AlertRow>> outage;
  private Instant outageSince;
  private int outageLevels;

  /**
   * {@code outage} is the in-memory alert of an unreachable database: it escalates too, its steps kept in
   * memory (the database that would record them is down), sent at once and logged.
   */
  public AlertEscalator(EscalationConfig config, AlertRepository alerts, EscalationRepository steps,
      AlertNotifications notifications, Clock clock, Supplier<Optional<AlertRow>> outage) {
    this.config = config;
    this.alerts = alerts;
    this.steps = steps;
    this.notifications = notifications;
    this.clock = clock;
    this.outage = outage;
  }

  /** What one pass did: steps taken, notices queued for them. */
  public record Outcome(int steps, int queued) {}

  public synchronized Outcome escalate() {
    Instant now = clock.instant();
    int[] counts = new int[2];
    Optional<AlertRow> down = outage.get();
    if (down.isPresent()) {
      escalateOutage(down.get(), now, counts);
      return new Outcome(counts[0], counts[1]);
    }
    for (AlertRow alert : alerts.open()) {
      if (escalates(alert)) {
        escalate(alert, now, counts);
      }
    }
    return new Outcome(counts[0], counts[1]);
  }

  private boolean escalates(AlertRow alert) {
    return alert.status().equals("active") && alert.priority() != null
        && config.escalate().contains(Priority.valueOf(alert.priority()));
  }

  private void escalate(AlertRow alert, Instant now, int[] counts) {
    Duration age = Duration.between(alert.firstSeenAt(), now);
    List<EscalationConfig.Level> levels = config.levels();
    for (int i = steps.lastLevel(alert.id()); i < levels.size() && levels.get(i).after().compareTo(age) <= 0; i++) {
      EscalationConfig.Level level = levels.get(i);
      long stepId = steps.claim(new NewStep(alert.id(), i + 1, level.name(),
          level.webhook() == null ? null : level.webhook().toString(), level.email()), now);
      if (stepId < 0) {
        continue;
      }
      counts[0]++;
      LOG.atLevel(Severity.fromDb(alert.severity()).logLevel()).log("alert {} [{} {}] {} escalated to level {} ({})"
          + " after {}: {}", alert.id(), alert.priority(), alert.severity(), alert.rule(), i + 1, level.name(), age,
          alert.message());
      counts[1] += notifications.escalation(alert, stepId, i + 1, level);
    }
  }

  private void escalateOutage(AlertRow alert, Instant now, int[] counts) {
    if (!alert.firstSeenAt().equals(outageSince)) {
      outageSince = alert.firstSeenAt();
      outageLevels = 0;
    }
    if (!escalates(alert)) {
      return;
    }
    Duration age = Duration.between(alert.firstSeenAt(), now);
    List<EscalationConfig.Level> levels = config.levels();
    for (; outageLevels < levels.size() && levels.get(outageLevels).after().compareTo(age) <= 0; outageLevels++) {
      EscalationConfig.Level level = levels.get(outageLevels);
      counts[0]++;
      String outcome = notifications.escalateNow(alert, outageLevels + 1, level);
      LOG.error("database outage escalated to level {} ({}): {}", outageLevels + 1, level.name(), outcome);
    }
  }
}
