package dev.ingestion.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ingestion.ops.FakeProbe;
import dev.ingestion.ops.outbox.OutboxPolicy;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.Database;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.OutboxRepository.Message;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A high alert raised while its webhook receiver is down reaches it exactly once after it comes up;
 * until then every failed attempt is counted, retried with backoff, and raises notification_failures.
 * The receiver is a real HTTP server on a real port, stopped and started again; the clock is injected.
 */
@FastTest
class NotificationOutboxTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String RULE = "auth_failures";

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  List<JsonNode> received = new CopyOnWriteArrayList<>();
  AtomicBoolean firing = new AtomicBoolean();
  HttpServer receiver;
  int port;
  Database db;
  AlertStack stack;

  @BeforeEach
  void setUp() throws IOException {
    startReceiver(0);
    port = receiver.getAddress().getPort();
    db = TestDatabases.sqlite(dir, clock);
  }

  @AfterEach
  void tearDown() {
    receiver.stop(0);
    db.close();
  }

  void startReceiver(int on) throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
    receiver.createContext("/", exchange -> {
      received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
  }

  void build(OutboxPolicy policy) {
    AlertConfig d = AlertConfig.defaults();
    AlertConfig config = new AlertConfig(d.interval(), d.errorRateWindow(), d.errorRateHigh(), d.errorRateCritical(),
        d.minAttempts(), d.dlqOpenMax(), d.p95Max(), d.diskFreePercent(), 101, 101, d.stallAfter(),
        Map.of(Severity.HIGH, URI.create("http://127.0.0.1:" + port + "/hooks/high")));
    NotificationConfig n = NotificationConfig.defaults();
    stack = new AlertStack(db, clock, new FakeProbe(), config, new EscalationConfig(Map.of(), Map.of(),
        Set.of(Priority.P1), List.of()), new NotificationConfig(n.emails(), null, policy, n.publicUrl()));
    stack.rules.add(now -> firing.get() ? List.of(new Firing(RULE, "api", "high", "25 failed authentications in the"
        + " last 15 min", 25.0, 20.0)) : List.of());
  }

  List<JsonNode> noticesOf(String rule, String event) {
    return received.stream().filter(n -> n.get("alert").get("rule").asText().equals(rule)
        && n.get("event").asText().equals(event)).toList();
  }

  AlertRow alert(String rule) {
    return stack.alerts.list(null, 100).stream().filter(a -> a.rule().equals(rule)).findFirst().orElseThrow();
  }

  @Test
  void an_alert_raised_while_the_receiver_is_down_is_delivered_exactly_once_after_it_comes_up() throws IOException {
    build(OutboxPolicy.defaults());
    receiver.stop(0);
    firing.set(true);
    stack.tick(Duration.ZERO);

    AlertRow raised = alert(RULE);
    assertThat(raised.notifiedAt()).as("the receiver refused the connection").isNull();
    assertThat(stack.outbox.forAlert(raised.id())).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo("pending");
      assertThat(m.failures()).isEqualTo(1);
      assertThat(m.lastError()).contains("ConnectException");
      assertThat(m.nextAttemptAt()).isEqualTo(clock.instant().plusSeconds(30));
    });

    stack.tick(Duration.ofSeconds(30));
    stack.tick(Duration.ofSeconds(60));
    assertThat(stack.outbox.forAlert(raised.id()).getFirst().failures()).as("30 s, then 60 s later").isEqualTo(3);
    assertThat(stack.outbox.counts().failedAttempts()).isGreaterThanOrEqualTo(3);
    AlertRow failing = alert(NotificationRule.RULE);
    assertThat(failing.status()).isEqualTo("active");
    assertThat(failing.severity()).isEqualTo("high");
    assertThat(failing.key()).isEqualTo("webhook http://127.0.0.1:" + port);
    assertThat(failing.message()).as("the token-bearing path is not shown").doesNotContain("/hooks/high")
        .contains("ConnectException");

    startReceiver(port);
    stack.tick(Duration.ofMinutes(2));
    assertThat(noticesOf(RULE, "opened")).as("delivered once it is up").hasSize(1);
    assertThat(alert(RULE).notifiedAt()).isEqualTo(clock.instant());
    assertThat(stack.outbox.forAlert(raised.id())).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo("delivered");
      assertThat(m.failures()).isEqualTo(3);
    });

    for (int i = 0; i < 10; i++) {
      stack.tick(Duration.ofMinutes(30));
    }
    assertThat(noticesOf(RULE, "opened")).as("exactly once").hasSize(1);
    assertThat(alert(NotificationRule.RULE).status()).as("cleared once deliveries get through").isEqualTo("resolved");
    assertThat(noticesOf(NotificationRule.RULE, "opened")).hasSize(1);
    assertThat(stack.outbox.counts().get("pending")).isZero();
  }

  @Test
  void a_notice_that_keeps_failing_is_given_up_after_the_configured_time_and_stays_counted() {
    build(new OutboxPolicy(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10)));
    receiver.stop(0);
    firing.set(true);
    stack.tick(Duration.ZERO);
    long id = alert(RULE).id();
    for (int i = 0; i < 12; i++) {
      stack.tick(Duration.ofMinutes(1));
    }
    Message m = stack.outbox.forAlert(id).getFirst();
    assertThat(m.status()).isEqualTo("failed");
    assertThat(m.failures()).as("30 s, 1 min, then every 2 min until 10 min had passed").isEqualTo(7);
    assertThat(alert(RULE).notifiedAt()).isNull();
    assertThat(stack.outbox.counts().get("failed")).isGreaterThanOrEqualTo(1);
    assertThat(alert(NotificationRule.RULE).message()).contains("given up after");
    stack.tick(Duration.ofHours(1));
    assertThat(stack.outbox.forAlert(id).getFirst().failures()).as("no attempt after giving up").isEqualTo(7);
  }

  @Test
  void two_deliverers_on_one_outbox_send_each_notice_once() {
    build(OutboxPolicy.defaults());
    firing.set(true);
    stack.evaluator.evaluate();
    AlertStack other = stack;
    build(OutboxPolicy.defaults());
    Thread a = Thread.ofVirtual().start(() -> other.notifications.deliverDue());
    stack.notifications.deliverDue();
    try {
      a.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertThat(noticesOf(RULE, "opened")).hasSize(1);
  }
}
