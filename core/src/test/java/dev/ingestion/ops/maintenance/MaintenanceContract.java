package dev.ingestion.ops.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.InvalidInputException;
import dev.ingestion.ops.OpsConfig;
import dev.ingestion.ops.alerts.AlertNotifier;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.dlq.DeadLetterService;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.versions.VersionCleanupService;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AlertRepository.AlertRow;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseUpkeep;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.DeadLetterRepository;
import dev.ingestion.store.MaintenanceRepository;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.MaintenanceRunRepository.Run;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.VersionRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled maintenance against a real database, with a clock the test moves. One subclass per dialect. */
abstract class MaintenanceContract {
  /** A Sunday, mid-morning UTC: the first daily slot is Monday 03:00, the first weekly one next Sunday 04:00. */
  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir Path dir;
  MutableClock clock = new MutableClock(START);
  List<String> events = new CopyOnWriteArrayList<>();
  Database db;
  AlertRepository alerts;
  MaintenanceService service;

  protected abstract Database openDatabase(Path dir, Clock clock);

  protected abstract boolean postgres();

  @BeforeEach
  void setUp() throws Exception {
    db = openDatabase(dir, clock);
    alerts = new AlertRepository(db);
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    MaintenanceConfig config = MaintenanceConfig.defaults();
    DeadLetterService dlq = new DeadLetterService(new DeadLetterQueries(db), new DeadLetterRepository(db),
        DlqConfig.defaults(), 3, () -> { }, clock);
    MaintenanceTasks tasks = new MaintenanceTasks(new MaintenanceTasks.Targets(new DatabaseUpkeep(db),
        new MaintenanceRepository(db), dlq, new VersionCleanupService(new VersionRepository(db), clock),
        OpsConfig.RetentionConfig.defaults(), temp), config, clock);
    AlertNotifier notifier = (event, alert) -> events.add(event + ":" + alert.rule() + ":" + alert.key());
    service = new MaintenanceService(config, tasks, new MaintenanceRunRepository(db),
        new MaintenanceAlerts(alerts, notifier, EscalationConfig.defaults()), clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  List<String> jobs(List<Run> runs) {
    return runs.stream().map(Run::job).toList();
  }

  @Test
  void nothing_runs_before_its_slot_and_daily_jobs_run_once_when_it_comes() {
    assertThat(service.runDue()).isEmpty();
    clock.advance(Duration.ofHours(16).plusMinutes(59));
    assertThat(service.runDue()).as("02:59 Monday").isEmpty();
    clock.advance(Duration.ofMinutes(1));
    List<Run> runs = service.runDue();
    assertThat(jobs(runs)).containsExactly("analyze", "optimize", "retention", "temp_cleanup");
    assertThat(runs).allSatisfy(r -> {
      assertThat(r.outcome()).isEqualTo("succeeded");
      assertThat(r.schedule()).isEqualTo("daily");
      assertThat(r.startedAt()).isEqualTo(Instant.parse("2026-03-02T03:00:00Z"));
    });
    clock.advance(Duration.ofMinutes(1));
    assertThat(service.runDue()).as("once per slot").isEmpty();
    clock.advance(Duration.ofDays(1));
    assertThat(jobs(service.runDue())).as("the next day").hasSize(4);
    assertThat(service.runs("analyze", 10)).hasSize(2);
  }

  @Test
  void weekly_jobs_run_on_their_day_and_do_what_the_dialect_allows() {
    clock.advance(Duration.ofDays(6).plusHours(18));
    List<Run> runs = service.runDue();
    assertThat(jobs(runs)).contains("vacuum", "reindex", "dlq_cleanup", "version_cleanup");
    Run vacuum = runs.stream().filter(r -> r.job().equals("vacuum")).findFirst().orElseThrow();
    Run reindex = runs.stream().filter(r -> r.job().equals("reindex")).findFirst().orElseThrow();
    Run optimize = service.runs("optimize", 1).getFirst();
    assertThat(runs).allSatisfy(r -> assertThat(r.outcome()).isEqualTo("succeeded"));
    if (postgres()) {
      assertThat(vacuum.details()).contains("VACUUM (ANALYZE)");
      assertThat(reindex.details()).contains("REINDEX SCHEMA");
      assertThat(optimize.details()).contains("skipped");
    } else {
      assertThat(vacuum.details()).contains("skipped");
      assertThat(reindex.details()).contains("skipped");
      assertThat(optimize.details()).contains("PRAGMA optimize");
    }
    assertThat(service.runs("analyze", 1).getFirst().details()).contains("\"statement\":\"ANALYZE\"");
    assertThat(service.jobs()).filteredOn(j -> j.job().equals("vacuum")).singleElement()
        .satisfies(j -> assertThat(j.nextRunAt()).isEqualTo(Instant.parse("2026-03-15T04:00:00Z")));
  }

  @Test
  void a_failed_job_is_recorded_and_raises_an_alert_that_its_next_success_resolves() {
    db.withConnection(c -> db.sql(c).update("ALTER TABLE health_checks RENAME TO health_checks_away"));
    Run failed = service.runNow("retention");
    assertThat(failed.outcome()).isEqualTo("failed");
    assertThat(failed.error()).containsIgnoringCase("health_checks");
    assertThat(alerts.open()).singleElement().satisfies(a -> {
      assertThat(a.rule()).isEqualTo(MaintenanceAlerts.RULE);
      assertThat(a.key()).isEqualTo("retention");
      assertThat(a.severity()).isEqualTo("high");
      assertThat(a.priority()).isEqualTo("P2");
    });
    assertThat(service.runNow("retention").outcome()).as("still failing: the same alert").isEqualTo("failed");
    assertThat(alerts.open()).hasSize(1);

    db.withConnection(c -> db.sql(c).update("ALTER TABLE health_checks_away RENAME TO health_checks"));
    clock.advance(Duration.ofDays(1));
    assertThat(jobs(service.runDue())).contains("retention");
    assertThat(alerts.open()).isEmpty();
    AlertRow resolved = alerts.list("resolved", 1).getFirst();
    assertThat(resolved.resolvedBy()).isEqualTo("auto");
    assertThat(events).containsExactly("opened:maintenance_failed:retention", "resolved:maintenance_failed:retention");
    assertThat(service.runs("retention", 10)).extracting(Run::outcome).containsExactly("succeeded", "failed", "failed");
  }

  @Test
  void an_unknown_job_is_refused_with_the_list_of_jobs() {
    assertThatThrownBy(() -> service.runNow("defrag")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("analyze, optimize, vacuum");
  }
}
