package dev.ingestion.ops.alerts;

import dev.ingestion.ops.outbox.OutboxDelivery;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.OutboxRepository.Message;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fires (high), per target, while alert notifications to it fail: the last attempt to reach it in the
 * past day failed (still retrying, or given up). Clears once a message to that target is delivered.
 */
public final class NotificationRule implements RuleSet {
  public static final String RULE = "notification_failures";
  private static final Duration LOOK_BACK = Duration.ofDays(1);

  private final OutboxRepository outbox;

  public NotificationRule(OutboxRepository outbox) {
    this.outbox = outbox;
  }

  @Override
  public List<Firing> evaluate(Instant now) {
    List<Firing> out = new ArrayList<>();
    for (Message m : outbox.lastAttemptPerTarget(now.minus(LOOK_BACK))) {
      if (m.status().equals("delivered") || m.failures() == 0) {
        continue;
      }
      String target = OutboxDelivery.describe(m.channel(), m.target());
      String state = m.status().equals("failed") ? "given up after " + m.failures() + " attempts"
          : m.failures() + " attempt(s) failed, next at " + m.nextAttemptAt();
      out.add(new Firing(RULE, m.channel() + " " + target, Severity.HIGH.dbValue(), "alert notifications by "
          + m.channel() + " to " + target + " are failing: notice #" + m.id() + " (" + m.event() + " of alert "
          + m.alertId() + ") " + state + "; last error: " + m.lastError() + "; check the receiver"
          + (m.channel().equals("email") ? " and alerts.smtp" : "") + "; counts in GET /metrics (ingestion_notifications)",
          (double) m.failures(), 1.0));
    }
    return out;
  }
}
