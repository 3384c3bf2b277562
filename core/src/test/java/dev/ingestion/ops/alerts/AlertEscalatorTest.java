package dev.ingestion.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ingestion.ops.FakeProbe;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.Database;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.EscalationRepository.Step;
import dev.ingestion.store.MutableClock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert left unacknowledged escalates on schedule to a real local HTTP receiver as an injected clock
 * moves; acknowledging or resolving it stops the escalation; every step is recorded on the alert.
 */
@FastTest
class AlertEscalatorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  FakeProbe probe = new FakeProbe();
  List<JsonNode> received = new CopyOnWriteArrayList<>();
  HttpServer receiver;
  Database db;
  AlertRepository alerts;
  EscalationRepository steps;
  AlertEvaluator evaluator;
  AlertEscalator escalator;
  AlertService service;
  AlertStack stack;

  @BeforeEach
  void setUp() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/", exchange -> {
      received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
      int status = exchange.getRequestURI().getPath().equals("/broken") ? 500 : 204;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    db = TestDatabases.sqlite(dir, clock);
    alerts = new AlertRepository(db);
    steps = new EscalationRepository(db);
  }

  @AfterEach
  void tearDown() {
    receiver.stop(0);
    db.close();
  }

  URI at(String path) {
    return URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + path);
  }

  /** The runbook's policy with webhooks on the local receiver; the memory rule is raised to P1 for the test. */
  EscalationConfig policy() {
    return new EscalationConfig(Map.of(), Map.of(AlertRules.MEMORY, Priority.P1), Set.of(Priority.P1), List.of(
        new EscalationConfig.Level("on-call engineer", Duration.ZERO, at("/oncall"), "oncall@example.com"),
        new EscalationConfig.Level("senior engineer", Duration.ofMinutes(15), at("/senior"), null),
        new EscalationConfig.Level("manager", Duration.ofMinutes(30), null, "manager@example.com"),
        new EscalationConfig.Level("director", Duration.ofMinutes(60), at("/director"), "director@example.com")));
  }

  void build(EscalationConfig policy) {
    stack = new AlertStack(db, clock, probe, AlertConfig.defaults(), policy, NotificationConfig.defaults());
    evaluator = stack.evaluator;
    escalator = stack.escalator;
    service = stack.service;
  }

  /** Evaluates, escalates and delivers, as the scheduler does every alerts.interval. */
  void tick(Duration advance) {
    stack.tick(advance);
  }

  long openMemoryAlert() {
    probe.heap = 95;
    tick(Duration.ZERO);
    return alerts.open().getFirst().id();
  }

  List<String> paths() {
    return received.stream().map(n -> n.get("level_name").asText()).toList();
  }

  @Test
  void an_unacknowledged_alert_escalates_level_by_level_on_schedule() {
    build(policy());
    long id = openMemoryAlert();
    assertThat(alerts.find(id).orElseThrow().priority()).isEqualTo("P1");
    assertThat(paths()).as("on-call at once").containsExactly("on-call engineer");

    tick(Duration.ofMinutes(14));
    assertThat(steps.steps(id)).hasSize(1);
    tick(Duration.ofMinutes(1));
    assertThat(paths()).containsExactly("on-call engineer", "senior engineer");
    tick(Duration.ofMinutes(15));
    assertThat(steps.steps(id)).extracting(Step::name).containsExactly("on-call engineer", "senior engineer", "manager");
    assertThat(received).as("the manager level has only an e-mail address: recorded, no call").hasSize(2);
    tick(Duration.ofMinutes(30));
    assertThat(paths()).containsExactly("on-call engineer", "senior engineer", "director");
    tick(Duration.ofHours(5));
    assertThat(steps.steps(id)).as("each level once").hasSize(4);

    List<Step> taken = steps.steps(id);
    assertThat(taken).extracting(Step::outcome).containsExactly("sent", "sent", "recorded", "sent");
    assertThat(taken).extracting(Step::escalatedAt).containsExactly(Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T10:15:00Z"), Instant.parse("2026-03-01T10:30:00Z"),
        Instant.parse("2026-03-01T11:00:00Z"));
    assertThat(taken.get(3).email()).isEqualTo("director@example.com");
    JsonNode director = received.get(2);
    assertThat(director.get("level").asInt()).isEqualTo(4);
    assertThat(director.get("email").asText()).isEqualTo("director@example.com");
    assertThat(director.get("alert").get("id").asLong()).isEqualTo(id);
    assertThat(director.get("alert").get("priority").asText()).isEqualTo("P1");
  }

  @Test
  void acknowledging_stops_the_escalation() {
    build(policy());
    long id = openMemoryAlert();
    tick(Duration.ofMinutes(16));
    service.acknowledge(id, "alice", "looking");
    tick(Duration.ofHours(2));
    assertThat(paths()).containsExactly("on-call engineer", "senior engineer");
    assertThat(steps.steps(id)).hasSize(2);
  }

  @Test
  void resolving_stops_the_escalation() {
    build(policy());
    long id = openMemoryAlert();
    service.resolve(id, "restarted", "bob");
    probe.heap = 20;
    tick(Duration.ofHours(2));
    assertThat(paths()).containsExactly("on-call engineer");
  }

  @Test
  void alerts_below_the_escalated_priorities_are_prioritised_but_never_escalated() {
    build(new EscalationConfig(Map.of(), Map.of(), Set.of(Priority.P1), policy().levels()));
    long id = openMemoryAlert();
    tick(Duration.ofHours(2));
    AlertRow row = alerts.find(id).orElseThrow();
    assertThat(row.severity()).isEqualTo("medium");
    assertThat(row.priority()).as("medium maps to P3").isEqualTo("P3");
    assertThat(steps.steps(id)).isEmpty();
    assertThat(received).isEmpty();
  }

  @Test
  void a_failing_webhook_is_retried_with_backoff_and_the_step_says_how_it_is_going() {
    EscalationConfig p = policy();
    build(new EscalationConfig(Map.of(), p.rulePriorities(), p.escalate(),
        List.of(new EscalationConfig.Level("on-call engineer", Duration.ZERO, at("/broken"), null))));
    long id = openMemoryAlert();
    assertThat(received).as("first attempt at once").hasSize(1);
    tick(Duration.ofSeconds(20));
    assertThat(received).as("not before the backoff").hasSize(1);
    tick(Duration.ofSeconds(15));
    assertThat(received).as("second attempt after 30 s").hasSize(2);
    assertThat(steps.steps(id)).singleElement().satisfies(s -> {
      assertThat(s.outcome()).as("still under way").isEqualTo("recorded");
      assertThat(s.detail()).startsWith("webhook attempt 2 failed: HTTP 500; next at ");
    });
    assertThat(stack.outbox.forAlert(id)).singleElement().satisfies(m -> {
      assertThat(m.status()).isEqualTo("pending");
      assertThat(m.failures()).isEqualTo(2);
      assertThat(m.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
    });
    assertThat(stack.alerts.find(id).orElseThrow().notifiedAt()).as("never delivered").isNull();
  }

  @Test
  void an_unreachable_database_escalates_from_memory_on_the_same_schedule() {
    build(policy());
    tick(Duration.ZERO);
    db.close();
    tick(Duration.ofMinutes(1));
    assertThat(evaluator.outage()).isPresent();
    assertThat(paths()).as("database_unreachable is critical: P1, on-call at once").containsExactly("on-call engineer");
    tick(Duration.ofMinutes(15));
    assertThat(paths()).containsExactly("on-call engineer", "senior engineer");
    tick(Duration.ofMinutes(1));
    assertThat(received).as("each level once").hasSize(2);
    assertThat(received.get(1).get("alert").get("rule").asText()).isEqualTo(AlertRules.DATABASE);
  }

  @Test
  void severities_map_to_priorities_unless_the_rule_overrides() {
    EscalationConfig d = EscalationConfig.defaults();
    assertThat(List.of(Severity.values())).extracting(s -> d.priorityOf("error_rate", s))
        .containsExactly(Priority.P1, Priority.P2, Priority.P3, Priority.P4);
    assertThat(policy().priorityOf(AlertRules.MEMORY, Severity.MEDIUM)).isEqualTo(Priority.P1);
  }
}
