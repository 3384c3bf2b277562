package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.ingestion.ops.alerts.AlertConfig;
import dev.ingestion.ops.alerts.AlertEscalator;
import dev.ingestion.ops.alerts.AlertEvaluator;
import dev.ingestion.ops.alerts.AlertNotifications;
import dev.ingestion.ops.alerts.AlertRules;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.NotificationConfig;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.ops.dlq.DlqAging;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.health.SystemResourceProbe;
import dev.ingestion.ops.metrics.ActivityCounter;
import dev.ingestion.ops.outbox.OutboxDelivery;
import dev.ingestion.ops.outbox.WebhookChannel;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.StatsRepository;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * With the shipped logback.xml, an incident shows where the runbook looks first: a critical or high
 * alert opening, its escalation and a failed delivery are ERROR lines, so `tail error.log` and
 * `grep ERROR application.log` find them; a medium alert is a WARN line in application.log only.
 */
@FastTest
class AlertLogRoutingTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTestLogging() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  void shippedLogging(Path logs) throws Exception {
    System.setProperty("ingestion.log.dir", logs.toString());
    System.setProperty("ingestion.log.level", "INFO");
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator joran = new JoranConfigurator();
    joran.setContext(context);
    joran.doConfigure(Path.of("target", "classes", "logback.xml").toFile());
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void critical_and_high_alerts_their_escalation_and_failed_deliveries_are_errors() throws Exception {
    Path logs = dir.resolve("logs");
    shippedLogging(logs);
    Clock clock = Clock.systemUTC();
    try (Database db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("a.db")), clock)) {
      AlertConfig d = AlertConfig.defaults();
      AlertConfig config = new AlertConfig(d.interval(), d.errorRateWindow(), d.errorRateHigh(), d.errorRateCritical(),
          d.minAttempts(), d.dlqOpenMax(), d.p95Max(), 0, 101, 101, d.stallAfter(),
          Map.of(Severity.HIGH, URI.create("http://127.0.0.1:" + closedPort() + "/hook/secret-token")));
      AlertRepository alerts = new AlertRepository(db);
      EscalationRepository steps = new EscalationRepository(db);
      OutboxRepository outbox = new OutboxRepository(db);
      StatsRepository stats = new StatsRepository(db);
      DeadLetterQueries dlq = new DeadLetterQueries(db);
      AlertRules rules = new AlertRules(config, new AlertRules.Signals(new ActivityCounter(stats),
          new AttemptQueries(db), dlq, new DlqAging(dlq, DlqConfig.defaults(), clock), new JobQueue(db), new SystemResourceProbe(),
          List::of));
      rules.add(now -> List.of(
          new Firing("error_rate", "pipeline", "critical", "error rate 12.0% over the last 1h", 0.12, 0.10),
          new Firing("auth_failures", "api", "high", "25 failed authentications", 25.0, 20.0),
          new Firing("dlq_backlog", "open", "medium", "dead-letter queue has 95 open items", 95.0, 50.0)));
      EscalationConfig policy = EscalationConfig.defaults();
      NotificationConfig n = NotificationConfig.defaults();
      AlertNotifications notifications = new AlertNotifications(outbox, new OutboxDelivery(outbox, alerts, steps,
          List.of(new WebhookChannel(HttpClient.newHttpClient(), Duration.ofSeconds(5))), n.policy(), clock), config, n,
          policy, clock);
      AlertEvaluator evaluator = new AlertEvaluator(rules, alerts, stats, notifications, clock, policy);
      evaluator.evaluate();
      new AlertEscalator(policy, alerts, steps, notifications, clock, evaluator::outage).escalate();
      notifications.deliverDue();
    }
    restoreTestLogging();

    String error = Files.readString(logs.resolve("error.log"));
    String app = Files.readString(logs.resolve("application.log"));
    List<String> grepError = app.lines().filter(l -> l.contains("ERROR")).toList();
    for (String log : List.of(error, String.join("\n", grepError))) {
      assertThat(log).contains("opened [P1 critical] error_rate: error rate 12.0%",
          "opened [P2 high] auth_failures: 25 failed authentications",
          "[P1 critical] error_rate escalated to level 1 (on-call engineer)",
          "webhook notification #1 (opened of alert 2) to http://127.0.0.1:", "failed (attempt 1)");
      assertThat(log).doesNotContain("dlq_backlog", "secret-token");
    }
    assertThat(app).containsPattern("WARN .* alert 3 opened \\[P3 medium] dlq_backlog: dead-letter queue has 95");
  }
}
