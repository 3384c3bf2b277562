package dev.ingestion.ops.alerts;

import dev.ingestion.ops.FakeProbe;
import dev.ingestion.ops.dlq.DlqAging;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.metrics.ActivityCounter;
import dev.ingestion.ops.outbox.Channel;
import dev.ingestion.ops.outbox.MailChannel;
import dev.ingestion.ops.outbox.OutboxDelivery;
import dev.ingestion.ops.outbox.WebhookChannel;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.Database;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.StatsRepository;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert side of a process over a real database, wired as Operations wires it: rules, evaluator,
 * escalator, outbox and its delivery through real channels. {@link #tick} does what the scheduler does.
 */
final class AlertStack {
  final MutableClock clock;
  final AlertRepository alerts;
  final EscalationRepository steps;
  final OutboxRepository outbox;
  final AlertRules rules;
  final AlertEvaluator evaluator;
  final AlertEscalator escalator;
  final AlertService service;
  final AlertNotifications notifications;

  AlertStack(Database db, MutableClock clock, FakeProbe probe, AlertConfig config, EscalationConfig policy,
      NotificationConfig notify) {
    this.clock = clock;
    alerts = new AlertRepository(db);
    steps = new EscalationRepository(db);
    outbox = new OutboxRepository(db);
    StatsRepository stats = new StatsRepository(db);
    DeadLetterQueries dlq = new DeadLetterQueries(db);
    rules = new AlertRules(config, new AlertRules.Signals(new ActivityCounter(stats), new AttemptQueries(db), dlq,
        new DlqAging(dlq, DlqConfig.defaults(), clock), new JobQueue(db), probe, List::of));
    rules.add(new NotificationRule(outbox));
    List<Channel> channels = new ArrayList<>();
    channels.add(new WebhookChannel(HttpClient.newHttpClient(), Duration.ofSeconds(5)));
    if (notify.smtp() != null) {
      channels.add(new MailChannel(notify.smtp(), clock));
    }
    notifications = new AlertNotifications(outbox, new OutboxDelivery(outbox, alerts, steps, channels, notify.policy(),
        clock), config, notify, policy, clock);
    evaluator = new AlertEvaluator(rules, alerts, stats, notifications, clock, policy);
    escalator = new AlertEscalator(policy, alerts, steps, notifications, clock, evaluator::outage);
    service = new AlertService(alerts, evaluator, clock);
  }

  /** Moves the clock, then evaluates, escalates and delivers, as the scheduler does every alerts.interval. */
  void tick(Duration advance) {
    clock.advance(advance);
    evaluator.evaluate();
    escalator.escalate();
    notifications.deliverDue();
  }
}
