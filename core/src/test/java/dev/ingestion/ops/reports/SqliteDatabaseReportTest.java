package dev.ingestion.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.ops.reports.DatabaseReport.Report;
import dev.ingestion.store.Database;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.MaintenanceRunRepository.Run;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite the database report reads pages, free pages, the WAL, table sizes and the last maintenance runs. */
@FastTest
class SqliteDatabaseReportTest {
  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  Database db;
  MaintenanceRunRepository runs;
  DatabaseReport report;

  @BeforeEach
  void setUp() {
    db = TestDatabases.sqlite(dir, clock);
    runs = new MaintenanceRunRepository(db);
    report = new DatabaseReport(db, runs, clock);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void pages_free_pages_wal_and_table_sizes_are_read_from_the_file() {
    TestDatabases.seed(db, 3000, 3);
    db.withConnection(c -> c.createStatement().executeUpdate("DELETE FROM jobs"));
    Report r = report.generate(5);
    assertThat(r.database()).isEqualTo("sqlite");
    assertThat(r.postgresql()).isNull();
    var s = r.sqlite().stats();
    assertThat(s.path()).isEqualTo(dir.resolve("test.db").toString());
    assertThat(s.journalMode()).isEqualTo("wal");
    assertThat(s.pageCount()).isPositive();
    assertThat(s.freePages()).as("the deleted jobs left free pages").isPositive();
    assertThat(r.sqlite().freeBytes()).isEqualTo(s.freePages() * s.pageSize());
    assertThat(s.walBytes()).as("writes went through the WAL").isPositive();
    assertThat(s.fileBytes()).isPositive();
    assertThat(s.relations()).hasSize(5).extracting(x -> x.bytes()).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(s.relations()).anySatisfy(x -> assertThat(x.table()).isEqualTo("documents"));
    assertThat(r.sqlite().statements()).contains("SQLite keeps no statement statistics");
  }

  @Test
  void the_last_successful_analyze_comes_from_the_maintenance_runs() {
    assertThat(report.generate(10).lastMaintenance()).containsEntry("analyze", null).containsEntry("vacuum", null);
    Instant t1 = Instant.parse("2026-03-01T03:00:05Z");
    runs.record(new Run(0, "analyze", "daily", t1.minusSeconds(5), t1, "succeeded", "{}", null));
    runs.record(new Run(0, "analyze", "manual", t1.plusSeconds(60), t1.plusSeconds(61), "failed", "{}", "locked"));
    runs.record(new Run(0, "optimize", "daily", t1, t1.plusSeconds(1), "succeeded", "{}", null));
    Report r = report.generate(10);
    assertThat(r.lastMaintenance()).containsEntry("analyze", t1).containsEntry("optimize", t1.plusSeconds(1))
        .containsEntry("vacuum", null);
    assertThat(r.pool().total()).isPositive();
  }
}
