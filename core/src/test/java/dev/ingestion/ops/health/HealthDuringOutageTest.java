package dev.ingestion.ops.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.ops.FakeProbe;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.PostgresTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With PostgreSQL down, /health answers at once and names the database, instead of waiting out the pool. */
@PostgresTest
class HealthDuringOutageTest {
  @TempDir Path dir;

  @Test
  void health_names_the_database_without_waiting_for_the_pools_connection_timeout() throws Exception {
    EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
    DatabaseConfig cfg = new DatabaseConfig(pg.getJdbcUrl("postgres", "postgres"), "postgres", null, 1, 4,
        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5));
    try (Database db = Database.open(cfg, Clock.systemUTC())) {
      HealthService health = new HealthService(db, HealthConfig.defaults(), List::of, new FakeProbe(), Clock.systemUTC());
      assertThat(health.fresh().checks().get("database").status()).isEqualTo(HealthStatus.HEALTHY);
      pg.close();
      // A new service: the first one keeps its last check for a second, as any caller's would.
      HealthService afterOutage = new HealthService(db, HealthConfig.defaults(), List::of, new FakeProbe(),
          Clock.systemUTC());
      long start = System.nanoTime();
      HealthReport report = afterOutage.fresh();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.checks().get("database").status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(report.checks().get("database").message()).startsWith("database unreachable");
      assertThat(took).as("well inside the pool's 30 s connection timeout").isLessThan(Duration.ofSeconds(10));
    } finally {
      pg.close();
    }
  }
}
