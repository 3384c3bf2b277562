package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.ops.health.HealthReport;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GET /health never writes: anonymous callers read the scheduled check, keyed ones a check at most a second old. */
@WithOpsServer
@SlowTest
class HealthWritesTest {
  static OpsTestServer server;

  @Test
  void thirty_anonymous_health_calls_add_no_row_and_no_byte_to_the_database() throws IOException {
    HealthReport scheduled = server.ops.health().recordScheduled();
    long rows = healthRows();
    long bytes = checkpointed();
    for (int i = 0; i < 30; i++) {
      Response r = server.get("/health", null);
      assertThat(r.status()).isIn(200, 503);
      assertThat(r.json().path("status").asText()).isEqualTo(scheduled.status().dbValue());
    }
    assertThat(healthRows()).isEqualTo(rows).isEqualTo(4);
    assertThat(databaseBytes()).isEqualTo(bytes);
  }

  @Test
  void keyed_callers_together_run_at_most_one_check_a_second_and_record_none() {
    long rows = healthRows();
    Set<String> checks = new HashSet<>();
    long start = System.nanoTime();
    for (int i = 0; i < 40; i++) {
      // the database check's time tells checks apart; both endpoints answer from the same check
      Response whole = server.get("/health");
      checks.add(whole.json().path("checks").path("database").path("checked_at").asText());
      checks.add(server.get("/health/database").json().path("checked_at").asText());
      assertThat(server.get("/health/filesystem").status()).isIn(200, 503);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(checks.size()).as("distinct checks in %d s", seconds).isLessThanOrEqualTo((int) seconds + 2);
    assertThat(healthRows()).isEqualTo(rows);
  }

  private static long healthRows() {
    return server.db.withConnection(c -> server.db.sql(c).queryLong("SELECT count(*) FROM health_checks"));
  }

  /**
   * The database's bytes once its write-ahead log is copied into the file and emptied: from then on the
   * background checkpoint has nothing to copy, so any byte more is a write.
   */
  private static long checkpointed() throws IOException {
    Path file = Path.of(server.db.config().sqlitePath());
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    for (int attempt = 0; attempt < 50 && (!Files.exists(wal) || Files.size(wal) > 0); attempt++) {
      server.db.withConnection(c -> server.db.sql(c).query("PRAGMA wal_checkpoint(TRUNCATE)", rs -> rs.getInt(1)));
    }
    assertThat(Files.exists(wal) ? Files.size(wal) : 0).as("write-ahead log emptied").isZero();
    return databaseBytes();
  }

  /** The SQLite file and its write-ahead log. */
  private static long databaseBytes() throws IOException {
    Path file = Path.of(server.db.config().sqlitePath());
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
  }
}
