package dev.ingestion.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.ingestion.ops.FakeProbe;
import dev.ingestion.ops.outbox.OutboxPolicy;
import dev.ingestion.ops.outbox.SmtpConfig;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.Database;
import dev.ingestion.store.EscalationRepository.Step;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.FastTest;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With only e-mail targets configured, an alert reaches a real SMTP server (GreenMail, with
 * authentication) at each escalation level, addressed to that level's people, and stops once it is
 * acknowledged. The clock is injected: the 15/30/60-minute levels come without waiting.
 */
@FastTest
class AlertEmailTest {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  FakeProbe probe = new FakeProbe();
  GreenMail smtp;
  Database db;
  AlertStack stack;

  @BeforeEach
  void setUp() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "s3cret"));
    smtp.start();
    db = TestDatabases.sqlite(dir, clock);
  }

  @AfterEach
  void tearDown() {
    smtp.stop();
    db.close();
  }

  SmtpConfig server(String password) {
    return new SmtpConfig("127.0.0.1", smtp.getSmtp().getPort(), SmtpConfig.Security.NONE, "alerts", password,
        "ingestion <alerts@example.com>", Duration.ofSeconds(5));
  }

  /** The runbook's policy with an address per level; the memory rule raised to P1 for the test. */
  void build(SmtpConfig server, Map<Severity, List<String>> perSeverity) {
    EscalationConfig policy = new EscalationConfig(Map.of(), Map.of(AlertRules.MEMORY, Priority.P1),
        Set.of(Priority.P1), List.of(
            new EscalationConfig.Level("on-call engineer", Duration.ZERO, null, "oncall@example.com"),
            new EscalationConfig.Level("senior engineer", Duration.ofMinutes(15), null, "senior@example.com"),
            new EscalationConfig.Level("manager", Duration.ofMinutes(30), null, "manager@example.com"),
            new EscalationConfig.Level("director", Duration.ofMinutes(60), null, "director@example.com")));
    AlertConfig d = AlertConfig.defaults();
    AlertConfig config = new AlertConfig(d.interval(), d.errorRateWindow(), d.errorRateHigh(), d.errorRateCritical(),
        d.minAttempts(), d.dlqOpenMax(), d.p95Max(), d.diskFreePercent(), 80, 101, d.stallAfter(), Map.of());
    stack = new AlertStack(db, clock, probe, config, policy, new NotificationConfig(perSeverity, server,
        OutboxPolicy.defaults(), URI.create("https://ingestion.example.com/")));
  }

  List<String> recipients() {
    return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return String.join(",", Arrays.stream(m.getRecipients(RecipientType.TO)).map(Object::toString).toList());
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  long openMemoryAlert() {
    probe.heap = 95;
    stack.tick(Duration.ZERO);
    return stack.alerts.open().getFirst().id();
  }

  @Test
  void each_escalation_level_is_mailed_to_its_people_until_the_alert_is_acknowledged() throws Exception {
    build(server("s3cret"), Map.of());
    long id = openMemoryAlert();
    assertThat(recipients()).as("on-call at once").containsExactly("oncall@example.com");

    stack.tick(Duration.ofMinutes(14));
    assertThat(recipients()).hasSize(1);
    stack.tick(Duration.ofMinutes(1));
    assertThat(recipients()).containsExactly("oncall@example.com", "senior@example.com");
    stack.tick(Duration.ofMinutes(15));
    assertThat(recipients()).containsExactly("oncall@example.com", "senior@example.com", "manager@example.com");

    stack.service.acknowledge(id, "alice", "on it");
    stack.tick(Duration.ofHours(3));
    assertThat(recipients()).as("acknowledged: the director is never mailed").hasSize(3);
    assertThat(stack.steps.steps(id)).extracting(Step::outcome).containsExactly("sent", "sent", "sent");
    assertThat(stack.alerts.find(id).orElseThrow().notifiedAt()).isNotNull();

    MimeMessage senior = smtp.getReceivedMessages()[1];
    assertThat(senior.getFrom()[0].toString()).isEqualTo("ingestion <alerts@example.com>");
    assertThat(senior.getSubject()).startsWith("[P1 medium] memory escalated to level 2 (senior engineer): heap 95%");
    String body = GreenMailUtil.getBody(senior);
    assertThat(body).contains("What fired:  heap 95% used; threshold 80%", "Severity:    medium", "Priority:    P1",
        "Value:       95", "Threshold:   80", "Escalation level 2 of 4 (senior engineer), 15m after",
        "curl -X POST \"https://ingestion.example.com/alerts/" + id + "/acknowledge\"",
        "\"acknowledged_by\"", "https://ingestion.example.com/console/#/alerts");
  }

  @Test
  void alert_events_are_mailed_to_the_addresses_of_their_severity() throws Exception {
    build(server("s3cret"), Map.of(Severity.MEDIUM, List.of("team@example.com", "lead@example.com")));
    openMemoryAlert();
    probe.heap = 20;
    stack.tick(Duration.ofMinutes(1));
    // GreenMail keeps one copy per mailbox: two addresses, two copies of each message
    List<MimeMessage> copies = Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> GreenMailUtil.getAddressList(safeTo(m)).contains("team@example.com")).toList();
    assertThat(copies).hasSize(4);
    List<MimeMessage> team = copies.stream().filter(this::distinctId).toList();
    assertThat(team).extracting(MimeMessage::getSubject).satisfiesExactly(
        s -> assertThat(s).startsWith("[P1 medium] memory opened: heap 95% used"),
        s -> assertThat(s).startsWith("[P1 medium] memory resolved:"));
    assertThat(GreenMailUtil.getAddressList(safeTo(team.get(0)))).isEqualTo("team@example.com, lead@example.com");
  }

  @Test
  void a_refused_login_is_retried_and_raises_notification_failures() {
    build(server("wrong"), Map.of());
    long id = openMemoryAlert();
    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(stack.outbox.forAlert(id)).singleElement().satisfies(m -> {
      assertThat(m.channel()).isEqualTo("email");
      assertThat(m.status()).isEqualTo("pending");
      assertThat(m.lastError()).contains("AuthenticationFailedException");
    });
    stack.tick(Duration.ofMinutes(1));
    AlertRow failing = stack.alerts.open().stream().filter(a -> a.rule().equals(NotificationRule.RULE)).findFirst()
        .orElseThrow();
    assertThat(failing.key()).isEqualTo("email oncall@example.com");
  }

  private final java.util.Set<String> seen = new java.util.HashSet<>();

  private boolean distinctId(MimeMessage m) {
    try {
      return seen.add(m.getMessageID());
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static jakarta.mail.Address[] safeTo(MimeMessage m) {
    try {
      return m.getRecipients(RecipientType.TO);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
