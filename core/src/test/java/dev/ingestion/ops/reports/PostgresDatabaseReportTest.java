package dev.ingestion.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingestion.ops.reports.DatabaseReport.Report;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.PostgresStatistics;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.PostgresTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the database report shows the slowest statements when pg_stat_statements is loaded and
 * created, and says plainly what is missing when it is not; connections by state, locks waiting and
 * sizes come from the catalogue either way. The server with the extension loaded is a second embedded
 * PostgreSQL started with shared_preload_libraries set.
 */
@PostgresTest
class PostgresDatabaseReportTest {
  static EmbeddedPostgres withStatements;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @AfterAll
  static void stop() throws IOException {
    if (withStatements != null) {
      withStatements.close();
    }
  }

  static synchronized EmbeddedPostgres withStatements() throws IOException {
    if (withStatements == null) {
      withStatements = EmbeddedPostgres.builder().setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .start();
    }
    return withStatements;
  }

  static Database open(String url) {
    DatabaseConfig base = DatabaseConfig.sqlite(url);
    return Database.open(new DatabaseConfig(url, "postgres", null, 1, 4, base.connectionTimeout(), base.idleTimeout(),
        base.busyTimeout()), java.time.Clock.systemUTC());
  }

  /** Locks not granted, read on the holder's own connection (a report would wait 1 s per look). */
  static long waiting(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM pg_locks WHERE NOT granted")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  DatabaseReport report(Database db) {
    return new DatabaseReport(db, new MaintenanceRunRepository(db), clock);
  }

  @Test
  void without_the_extension_the_report_says_so_and_how_to_enable_it() {
    try (Database db = TestDatabases.postgres(clock)) {
      TestDatabases.seed(db, 50, 3);
      Report r = report(db).generate(10);
      assertThat(r.database()).isEqualTo("postgresql");
      assertThat(r.sqlite()).isNull();
      var s = r.postgresql().statements();
      assertThat(s.available()).isFalse();
      assertThat(s.top()).isEmpty();
      assertThat(s.message()).startsWith("pg_stat_statements is not available")
          .contains("shared_preload_libraries = 'pg_stat_statements'", "CREATE EXTENSION pg_stat_statements");
      assertThat(r.postgresql().connections().byState()).as("this very query").containsKey("active");
      assertThat(r.postgresql().connections().maxConnections()).isPositive();
      assertThat(r.postgresql().tables()).extracting(t -> t.name()).contains("documents");
      assertThat(r.postgresql().indexes()).isNotEmpty();
      assertThat(r.postgresql().databaseBytes()).isPositive();
      assertThat(r.postgresql().locks().waiting()).isZero();
      assertThat(r.postgresql().sizesNote()).isNull();
    }
  }

  @Test
  void a_session_waiting_for_a_lock_is_listed_with_the_session_that_blocks_it() throws Exception {
    try (Database db = TestDatabases.postgres(clock)) {
      TestDatabases.seed(db, 5, 3);
      String url = db.config().url();
      try (Connection holder = DriverManager.getConnection(url, "postgres", null);
          Connection waiter = DriverManager.getConnection(url, "postgres", null)) {
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
          st.execute("LOCK TABLE documents IN ACCESS EXCLUSIVE MODE");
        }
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
          try (Statement st = waiter.createStatement()) {
            st.executeQuery("SELECT count(*) FROM documents").close();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(holder) > 0);
        Report during = report(db).generate(100);
        assertThat(during.postgresql().tables()).as("sizes do not wait behind the lock").extracting(t -> t.name())
            .contains("documents");
        assertThat(during.postgresql().sizesNote()).contains("estimates");
        var locks = during.postgresql().locks();
        assertThat(locks.blocked()).singleElement().satisfies(b -> {
          assertThat(b.query()).contains("SELECT count(*) FROM documents");
          assertThat(b.blockedBy()).hasSize(1);
          assertThat(b.waitEvent()).startsWith("Lock:");
        });
        holder.rollback();
        blocked.get();
      }
    }
  }

  @Test
  void with_the_extension_the_slowest_statements_are_listed_by_mean_time() throws Exception {
    EmbeddedPostgres pg = withStatements();
    String url;
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE report_stats");
      url = pg.getJdbcUrl("postgres", "report_stats");
    }
    try (Database db = open(url)) {
      assertThat(report(db).generate(10).postgresql().statements().message())
          .startsWith("pg_stat_statements is loaded but not created").contains("CREATE EXTENSION");
      db.withConnection(c -> c.createStatement().execute("CREATE EXTENSION pg_stat_statements"));
      TestDatabases.seed(db, 200, 3);
      db.withConnection(c -> c.createStatement().executeQuery("SELECT pg_sleep(0.05)").next());
      Report r = report(db).generate(5);
      var s = r.postgresql().statements();
      assertThat(s.available()).isTrue();
      assertThat(s.message()).isNull();
      assertThat(s.top()).hasSize(5).extracting(PostgresStatistics.Statement::meanExecMs).isSortedAccordingTo((a, b) -> Double.compare(b, a));
      assertThat(s.top()).anySatisfy(x -> {
        assertThat(x.query()).contains("pg_sleep");
        assertThat(x.meanExecMs()).isGreaterThanOrEqualTo(50);
      });
      assertThat(s.top()).allSatisfy(x -> assertThat(x.calls()).isPositive());
    }
  }
}
