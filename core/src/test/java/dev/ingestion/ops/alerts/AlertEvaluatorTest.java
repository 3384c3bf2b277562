package dev.ingestion.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Job;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import dev.ingestion.ops.FakeProbe;
import dev.ingestion.ops.dlq.DlqAging;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.health.WatchedPath;
import dev.ingestion.ops.metrics.ActivityCounter;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.Database;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.NewVersion;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.SourcePauses;
import dev.ingestion.store.StatsRepository;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts fire, de-duplicate, escalate and resolve themselves as a controllable clock moves. */
@FastTest
class AlertEvaluatorTest {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  FakeProbe probe = new FakeProbe();
  List<String> events = new CopyOnWriteArrayList<>();
  List<WatchedPath> paths = new CopyOnWriteArrayList<>();
  Database db;
  JobQueue queue;
  ResultRepository results;
  AlertRepository alerts;
  AlertEvaluator evaluator;
  AlertService service;
  AlertConfig config = AlertConfig.defaults();

  @BeforeEach
  void setUp() {
    db = TestDatabases.sqlite(dir, clock);
    queue = new JobQueue(db);
    results = new ResultRepository(db, 5);
    alerts = new AlertRepository(db);
    build(config, (event, alert) -> events.add(event + ":" + alert.rule() + ":" + alert.severity()));
  }

  void build(AlertConfig c, AlertNotifier notifier) {
    StatsRepository stats = new StatsRepository(db);
    DeadLetterQueries dlq = new DeadLetterQueries(db);
    AlertRules rules = new AlertRules(c, new AlertRules.Signals(new ActivityCounter(stats), new AttemptQueries(db), dlq,
        new DlqAging(dlq, DlqConfig.defaults(), clock), queue, probe, () -> paths, new SourcePauses(db)::paused));
    evaluator = new AlertEvaluator(rules, alerts, stats, notifier, clock);
    service = new AlertService(alerts, evaluator, clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  /** Processes {@code n} new documents: {@code failed} of them dead-lettered, the rest completed. */
  void process(int n, int failed) {
    long before = db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM documents"));
    List<dev.ingestion.store.SyncRepository.Change> changes = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(new dev.ingestion.store.SyncRepository.NewDocument(new dev.ingestion.source.SourceItem(
          "d" + (before + i), "m", 10, clock.instant())));
    }
    long sourceId = new dev.ingestion.store.SourceRepository(db).ensure("test", "filesystem", "/tmp/none");
    new dev.ingestion.store.SyncRepository(db).apply(sourceId, changes, 1);
    List<Job> jobs = queue.claim("w", n, Duration.ofMinutes(1));
    for (int i = 0; i < jobs.size(); i++) {
      AttemptRecord a = new AttemptRecord("w", clock.instant(), "m", 10, StageTimings.NONE, null);
      if (i < failed) {
        results.deadLetter(jobs.get(i), a, new Failure(Stage.PARSE, FailureCategory.CORRUPT, false, "X", "bad", ""), "low");
      } else {
        results.complete(jobs.get(i), a, new NewVersion("h" + jobs.get(i).documentId(), 10,
            dev.ingestion.model.DocumentMetadata.unknown("text/plain"), 5, false, List.of()));
      }
    }
  }

  List<AlertRow> open() {
    return alerts.open();
  }

  @Test
  void a_high_error_rate_fires_once_and_resolves_itself_when_the_window_is_clean() {
    process(25, 5);
    assertThat(evaluator.evaluate().opened()).isEqualTo(1);
    assertThat(open()).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo("error_rate");
      assertThat(a.severity()).isEqualTo("critical");
      assertThat(a.value()).isEqualTo(0.2);
    });
    clock.advance(Duration.ofMinutes(1));
    assertThat(evaluator.evaluate().opened()).as("de-duplicated").isZero();
    assertThat(open()).singleElement().satisfies(a -> assertThat(a.lastSeenAt()).isEqualTo(clock.instant()));
    clock.advance(Duration.ofHours(2));
    assertThat(evaluator.evaluate().resolved()).isEqualTo(1);
    assertThat(open()).isEmpty();
    AlertRow history = alerts.list("resolved", 10).get(0);
    assertThat(history.resolvedBy()).isEqualTo("auto");
    assertThat(events).containsExactly("opened:error_rate:critical", "resolved:error_rate:critical");
  }

  @Test
  void an_error_rate_that_worsens_escalates_the_same_alert_from_high_to_critical() {
    process(25, 2);
    evaluator.evaluate();
    assertThat(open()).singleElement().satisfies(a -> assertThat(a.severity()).isEqualTo("high"));
    long id = open().get(0).id();
    process(10, 6);
    evaluator.evaluate();
    assertThat(open()).singleElement().satisfies(a -> {
      assertThat(a.id()).isEqualTo(id);
      assertThat(a.severity()).isEqualTo("critical");
    });
    assertThat(events).containsExactly("opened:error_rate:high", "escalated:error_rate:critical");
  }

  @Test
  void a_paused_source_raises_a_critical_alert_that_resolves_when_the_source_is_resumed() {
    long id = new dev.ingestion.store.SourceRepository(db).ensure("bucket", "s3", "s3://bucket/");
    new dev.ingestion.store.SourceRepository(db).pause(id, "403 AccessDenied");
    evaluator.evaluate();
    assertThat(open()).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo("source_paused");
      assertThat(a.severity()).isEqualTo("critical");
      assertThat(a.message()).contains("bucket", "403 AccessDenied", "/sources/bucket/resume");
    });
    new SourcePauses(db).resume("bucket");
    evaluator.evaluate();
    assertThat(open()).isEmpty();
  }

  @Test
  void a_few_failures_among_few_attempts_do_not_alert() {
    process(5, 3);
    evaluator.evaluate();
    assertThat(open()).isEmpty();
  }

  @Test
  void queued_work_without_progress_raises_no_progress_until_a_document_finishes() {
    TestDatabases.seed(db, 3, 1);
    evaluator.evaluate();
    assertThat(open()).isEmpty();
    clock.advance(Duration.ofMinutes(11));
    evaluator.evaluate();
    assertThat(open()).extracting(AlertRow::rule).containsExactly("no_progress");
    Job job = queue.claim("w", 1, Duration.ofMinutes(1)).get(0);
    results.complete(job, new AttemptRecord("w", clock.instant(), "m", 10, StageTimings.NONE, null),
        new NewVersion("h", 10, dev.ingestion.model.DocumentMetadata.unknown("text/plain"), 5, false, List.of()));
    evaluator.evaluate();
    assertThat(open()).isEmpty();
  }

  @Test
  void cpu_and_memory_above_their_thresholds_alert_and_clear() {
    probe.cpu = 95;
    probe.heap = 85;
    evaluator.evaluate();
    assertThat(open()).extracting(AlertRow::rule).containsExactlyInAnyOrder("cpu", "memory");
    assertThat(open()).allSatisfy(a -> assertThat(a.severity()).isEqualTo("medium"));
    probe.cpu = 10;
    evaluator.evaluate();
    assertThat(open()).extracting(AlertRow::rule).containsExactly("memory");
  }

  @Test
  void a_disk_below_the_free_space_threshold_alerts_per_path() {
    paths.add(new WatchedPath("data", "data", dir, true));
    build(new AlertConfig(config.interval(), config.errorRateWindow(), config.errorRateHigh(), config.errorRateCritical(),
        config.minAttempts(), config.dlqOpenMax(), config.p95Max(), 100, 80, 80, config.stallAfter(), Map.of()),
        AlertNotifier.NONE);
    evaluator.evaluate();
    assertThat(open()).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo("disk_space");
      assertThat(a.key()).isEqualTo("data");
    });
  }

  @Test
  void a_dead_letter_backlog_over_the_limit_alerts() {
    build(new AlertConfig(config.interval(), config.errorRateWindow(), config.errorRateHigh(), config.errorRateCritical(),
        1000, 2, config.p95Max(), 0, 80, 80, config.stallAfter(), Map.of()), AlertNotifier.NONE);
    process(3, 3);
    evaluator.evaluate();
    assertThat(open()).extracting(AlertRow::rule).containsExactly("dlq_backlog");
  }

  @Test
  void parses_that_hit_their_time_limit_count_in_the_p95_processing_time_alert() {
    build(new AlertConfig(config.interval(), config.errorRateWindow(), config.errorRateHigh(), config.errorRateCritical(),
        1000, 1000, Duration.ofSeconds(30), 0, 80, 80, config.stallAfter(), Map.of()), AlertNotifier.NONE);
    process(5, 0);
    evaluator.evaluate();
    assertThat(open()).as("five fast completions").isEmpty();

    long sourceId = new dev.ingestion.store.SourceRepository(db).ensure("test", "filesystem", "/tmp/none");
    List<dev.ingestion.store.SyncRepository.Change> slow = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      slow.add(new dev.ingestion.store.SyncRepository.NewDocument(new dev.ingestion.source.SourceItem(
          "slow" + i, "m", 10, clock.instant())));
    }
    new dev.ingestion.store.SyncRepository(db).apply(sourceId, slow, 1);
    Instant started = clock.instant();
    List<Job> jobs = queue.claim("w", 5, Duration.ofMinutes(5));
    clock.advance(Duration.ofSeconds(60));
    for (Job job : jobs) {
      results.deadLetter(job, new AttemptRecord("w", started, "m", 10, StageTimings.NONE, null),
          new Failure(Stage.PARSE, FailureCategory.PARSE_TIMEOUT, false, "X", "parse time limit", ""), "low");
    }
    evaluator.evaluate();
    assertThat(open()).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo(AlertRules.PROCESSING_TIME);
      assertThat(a.value()).isEqualTo(60_000.0);
    });
  }

  @Test
  void an_alert_resolved_by_hand_fires_again_while_its_condition_holds() {
    process(25, 5);
    evaluator.evaluate();
    long first = open().get(0).id();
    service.acknowledge(first, "alice", "looking");
    assertThat(service.active()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo("acknowledged"));
    service.resolve(first, "restarted", null);
    evaluator.evaluate();
    assertThat(open()).singleElement().satisfies(a -> assertThat(a.id()).isNotEqualTo(first));
  }

  @Test
  void an_unreachable_database_is_a_critical_alert_kept_in_memory() {
    db.close();
    evaluator.evaluate();
    assertThat(evaluator.outage()).hasValueSatisfying(a -> {
      assertThat(a.rule()).isEqualTo("database_unreachable");
      assertThat(a.severity()).isEqualTo("critical");
    });
    assertThat(service.active()).extracting(AlertRow::rule).containsExactly("database_unreachable");
    assertThat(events).containsExactly("opened:database_unreachable:critical");
    db = TestDatabases.sqlite(dir, clock);
  }

  @Test
  void webhooks_receive_the_alert_as_json_for_their_severity() throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/critical", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    hook.start();
    try {
      URI target = URI.create("http://127.0.0.1:" + hook.getAddress().getPort() + "/critical");
      AlertConfig c = config;
      AlertStack stack = new AlertStack(db, clock, probe, new AlertConfig(c.interval(), c.errorRateWindow(),
          c.errorRateHigh(), c.errorRateCritical(), c.minAttempts(), c.dlqOpenMax(), c.p95Max(), c.diskFreePercent(),
          c.memoryPercent(), c.cpuPercent(), c.stallAfter(), Map.of(Severity.CRITICAL, target)),
          EscalationConfig.defaults(), NotificationConfig.defaults());
      process(25, 10);
      stack.evaluator.evaluate();
      assertThat(alerts.open().get(0).notifiedAt()).as("queued, not yet delivered").isNull();
      stack.notifications.deliverDue();
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0)).contains("\"event\":\"opened\"", "\"rule\":\"error_rate\"", "\"severity\":\"critical\"",
          "\"first_seen_at\"");
      assertThat(alerts.open().get(0).notifiedAt()).isNotNull();
    } finally {
      hook.stop(0);
    }
  }
}
