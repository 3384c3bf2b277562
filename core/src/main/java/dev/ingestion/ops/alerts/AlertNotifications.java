package dev.ingestion.ops.alerts;

import dev.ingestion.model.IngestionException;
import dev.ingestion.ops.alerts.AlertMessages.Step;
import dev.ingestion.ops.outbox.Channel.Delivery;
import dev.ingestion.ops.outbox.MailChannel;
import dev.ingestion.ops.outbox.OutboxDelivery;
import dev.ingestion.ops.outbox.WebhookChannel;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.OutboxRepository.NewMessage;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alert events and escalation steps into messages for their targets: the webhook and e-mail
 * addresses configured for the alert's severity, or the escalation level's. Messages are written to the
 * outbox and delivered (with retries) by {@link OutboxDelivery}; only the in-memory database outage
 * alert, which the outbox table cannot hold, is sent at once. Without an SMTP server an e-mail address
 * is only recorded (the configuration loader refuses that combination).
 */
public final class AlertNotifications implements AlertNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(AlertNotifications.class);

  private final OutboxRepository outbox;
  private final OutboxDelivery delivery;
  private final Map<Severity, URI> webhooks;
  private final Map<Severity, List<String>> emails;
  private final AlertMessages messages;
  private final Clock clock;

  public AlertNotifications(OutboxRepository outbox, OutboxDelivery delivery, AlertConfig alerts,
      NotificationConfig config, EscalationConfig escalation, Clock clock) {
    this.outbox = outbox;
    this.delivery = delivery;
    this.webhooks = alerts.webhooks();
    this.emails = config.emails();
    this.messages = new AlertMessages(config.publicUrl(), escalation.levels().size());
    this.clock = clock;
  }

  /** A message about to be written or sent. */
  private record Draft(String channel, String target, String subject, String body) {}

  @Override
  public void notify(String event, AlertRow alert) {
    Severity severity = Severity.fromDb(alert.severity());
    List<Draft> drafts = new ArrayList<>();
    URI hook = webhooks.get(severity);
    if (hook != null) {
      drafts.add(new Draft(WebhookChannel.NAME, hook.toString(), null, messages.webhook(event, alert)));
    }
    List<String> to = emails.getOrDefault(severity, List.of());
    if (!to.isEmpty() && delivery.has(MailChannel.NAME)) {
      drafts.add(new Draft(MailChannel.NAME, String.join(", ", to), messages.subject(event, alert, null),
          messages.mailBody(event, alert, null)));
    }
    write(alert, null, event, drafts);
  }

  /** Queues the notices of one escalation step (its webhook and/or e-mail); returns how many. */
  public int escalation(AlertRow alert, long stepId, int number, EscalationConfig.Level level) {
    List<Draft> drafts = drafts(alert, new Step(number, level));
    write(alert, stepId, "escalation", drafts);
    return drafts.size();
  }

  /** Sends the notices of an outage escalation step at once; returns what happened, for the log. */
  public String escalateNow(AlertRow alert, int number, EscalationConfig.Level level) {
    List<String> outcomes = new ArrayList<>();
    for (Draft d : drafts(alert, new Step(number, level))) {
      Delivery r = delivery.sendNow(d.channel(), d.target(), d.subject(), d.body());
      outcomes.add(d.channel() + (r.ok() ? " sent: " : " failed: ") + r.detail());
    }
    return outcomes.isEmpty() ? "recorded (no target)" : String.join("; ", outcomes);
  }

  private List<Draft> drafts(AlertRow alert, Step step) {
    List<Draft> drafts = new ArrayList<>();
    if (step.level().webhook() != null) {
      drafts.add(new Draft(WebhookChannel.NAME, step.level().webhook().toString(), null, messages.webhook(alert, step)));
    }
    if (step.level().email() != null && delivery.has(MailChannel.NAME)) {
      drafts.add(new Draft(MailChannel.NAME, step.level().email(), messages.subject("escalation", alert, step),
          messages.mailBody("escalation", alert, step)));
    }
    return drafts;
  }

  private void write(AlertRow alert, Long stepId, String event, List<Draft> drafts) {
    for (Draft d : drafts) {
      if (alert.id() <= 0) {
        Delivery r = delivery.sendNow(d.channel(), d.target(), d.subject(), d.body());
        LOG.error("{} notice ({}) of the database outage alert {}: {}", d.channel(), event, r.ok() ? "sent" : "failed",
            r.detail());
        continue;
      }
      try {
        outbox.enqueue(new NewMessage(alert.id(), stepId, event, alert.severity(), d.channel(), d.target(), d.subject(),
            d.body()), clock.instant());
      } catch (IngestionException e) {
        LOG.error("could not queue the {} notice ({}) of alert {}: {}", d.channel(), event, alert.id(), e.getMessage());
      }
    }
  }

  /** Delivers what is due in the outbox. */
  public OutboxDelivery.Outcome deliverDue() {
    return delivery.deliverDue();
  }
}
