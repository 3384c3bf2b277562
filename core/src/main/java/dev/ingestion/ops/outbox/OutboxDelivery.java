package dev.ingestion.ops.outbox;

import dev.ingestion.model.IngestionException;
import dev.ingestion.ops.outbox.Channel.Delivery;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.OutboxRepository.Message;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Delivers the outbox: each due message is claimed, sent once through its channel and recorded as
 * delivered, or rescheduled with backoff, or given up. Only a delivery sets the alert's
 * {@code notified_at} and marks its escalation step sent. An escalation notice whose alert is no longer
 * active (acknowledged or resolved meanwhile) is cancelled rather than sent late.
 */
public final class OutboxDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxDelivery.class);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final int BATCH = 100;

  private final OutboxRepository outbox;
  private final AlertRepository alerts;
  private final EscalationRepository steps;
  private final Map<String, Channel> channels = new HashMap<>();
  private final OutboxPolicy policy;
  private final Clock clock;

  public OutboxDelivery(OutboxRepository outbox, AlertRepository alerts, EscalationRepository steps,
      List<Channel> channels, OutboxPolicy policy, Clock clock) {
    this.outbox = outbox;
    this.alerts = alerts;
    this.steps = steps;
    channels.forEach(c -> this.channels.put(c.name(), c));
    this.policy = policy;
    this.clock = clock;
  }

  /** What one pass did. */
  public record Outcome(int delivered, int retrying, int failed, int cancelled) {}

  /** Delivers every message that is due now. */
  public synchronized Outcome deliverDue() {
    int[] n = new int[4];
    List<Message> batch;
    do {
      Instant now = clock.instant();
      try {
        batch = outbox.claimDue(now, now.plus(LEASE), BATCH);
      } catch (IngestionException e) {
        // the database outage is an alert of its own; the messages wait in the outbox until it is back
        LOG.debug("outbox not readable: {}", e.getMessage());
        break;
      }
      batch.forEach(m -> n[deliver(m)]++);
    } while (batch.size() == BATCH);
    return new Outcome(n[0], n[1], n[2], n[3]);
  }

  /** True when this process can send on {@code channel} (an e-mail channel needs an SMTP server). */
  public boolean has(String channel) {
    return channels.containsKey(channel);
  }

  /** Sends at once without the outbox: for the database outage alert, which has no table to go through. */
  public Delivery sendNow(String channel, String target, String subject, String body) {
    Channel c = channels.get(channel);
    return c == null ? new Delivery(false, missing(channel)) : c.send(target, subject, body);
  }

  /** Delivers one claimed message; returns the index of its outcome in {@link Outcome}. */
  private int deliver(Message m) {
    if (m.event().equals("escalation") && m.alertId() != null && !stillActive(m.alertId())) {
      outbox.cancel(m.id(), "alert no longer active when the escalation notice was due");
      return 3;
    }
    Channel channel = channels.get(m.channel());
    Delivery d = channel == null ? new Delivery(false, missing(m.channel())) : channel.send(m.target(), m.subject(),
        m.body());
    Instant now = clock.instant();
    if (d.ok()) {
      delivered(m, d, now);
      return 0;
    }
    int attempt = m.failures() + 1;
    if (!now.isBefore(m.createdAt().plus(policy.giveUpAfter()))) {
      outbox.giveUp(m.id(), now, d.detail());
      if (m.escalationId() != null) {
        steps.failedUnlessSent(m.escalationId(), m.channel() + " to " + describe(m.channel(), m.target()) + ": "
            + d.detail());
      }
      log(m, "{} notification #{} ({} of alert {}) to {} failed {} times; given up: {}", m.channel(), m.id(),
          m.event(), m.alertId(), describe(m.channel(), m.target()), attempt, d.detail());
      return 2;
    }
    Instant next = now.plus(policy.backoff(attempt));
    outbox.retryAt(m.id(), now, d.detail(), next);
    if (m.escalationId() != null) {
      steps.progress(m.escalationId(), m.channel() + " attempt " + attempt + " failed: " + d.detail() + "; next at " + next);
    }
    log(m, "{} notification #{} ({} of alert {}) to {} failed (attempt {}): {}; retrying at {}", m.channel(), m.id(),
        m.event(), m.alertId(), describe(m.channel(), m.target()), attempt, d.detail(), next);
    return 1;
  }

  private void delivered(Message m, Delivery d, Instant now) {
    outbox.delivered(m.id(), now);
    if (m.alertId() != null) {
      alerts.markNotified(m.alertId(), now);
    }
    if (m.escalationId() != null) {
      steps.outcome(m.escalationId(), "sent", m.channel() + ": " + d.detail());
    }
    LOG.info("{} notification #{} ({} of alert {}) delivered to {} after {} failed attempts", m.channel(), m.id(),
        m.event(), m.alertId(), describe(m.channel(), m.target()), m.failures());
  }

  private boolean stillActive(long alertId) {
    return alerts.find(alertId).map(a -> a.status().equals("active")).orElse(false);
  }

  /** A failed delivery is an incident of the alert's weight: ERROR for critical and high, WARN otherwise. */
  private static void log(Message m, String format, Object... args) {
    LOG.atLevel(urgent(m.severity()) ? Level.ERROR : Level.WARN).log(format, args);
  }

  static boolean urgent(String severity) {
    return "critical".equals(severity) || "high".equals(severity);
  }

  /**
   * A target as logs and alerts may show it: a webhook URL only up to its host (its path often carries a
   * token), e-mail addresses as they are.
   */
  public static String describe(String channel, String target) {
    if (!channel.equals(WebhookChannel.NAME)) {
      return target;
    }
    try {
      URI u = URI.create(target);
      return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    } catch (IllegalArgumentException e) {
      return "(invalid URL)";
    }
  }

  private static String missing(String channel) {
    return channel.equals(MailChannel.NAME) ? "no SMTP server configured (alerts.smtp in ingestion.yml)"
        : "no " + channel + " channel configured";
  }
}
