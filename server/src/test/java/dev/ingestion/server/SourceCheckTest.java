package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.source.jdbc.JdbcSource;
import dev.ingestion.source.jdbc.JdbcSourceConfig;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's source system checks against configured sources: a database source and a folder. */
@SlowTest
class SourceCheckTest {
  @TempDir Path dir;
  OpsTestServer server;

  @BeforeEach
  void start() throws IOException, SQLException {
    Path hr = dir.resolve("hr.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hr); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT)");
      st.execute("INSERT INTO employees (name) VALUES ('Ada')");
    }
    JdbcSourceConfig config = new JdbcSourceConfig("jdbc:sqlite:" + hr, null, null, "SELECT id, name FROM employees",
        "id", null, "{name}", List.of(), Duration.ofHours(24), 100);
    server = new OpsTestServer(dir, Clock.systemUTC(), List.of(new JdbcSource("hr_database", config, Clock.systemUTC())));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void the_runbook_database_check_reaches_the_configured_source() {
    Response r = server.post("/test/database", "{\"source\": \"hr_database\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("ok").asBoolean()).as(r.body()).isTrue();
    assertThat(r.json().path("source").asText()).isEqualTo("hr_database");
    assertThat(r.json().path("type").asText()).isEqualTo("jdbc");
    assertThat(r.json().path("latency_ms").asDouble()).isLessThan(5_000);
    assertThat(server.post("/test/database", null).json().path("source").asText())
        .as("the only database source when none is named").isEqualTo("hr_database");
  }

  @Test
  void an_unknown_name_is_404_listing_what_is_configured() {
    Response r = server.post("/test/database", "{\"source\": \"payroll\"}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.json().path("message").asText()).contains("no database source matches 'payroll'", "hr_database");
  }

  @Test
  void a_folder_that_disappeared_fails_its_check_with_the_reason() throws IOException {
    assertThat(server.post("/test/filesystem", "{\"source\": \"handbook\"}").json().path("ok").asBoolean()).isTrue();
    try (Stream<Path> files = Files.walk(server.corpus)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    Response r = server.post("/test/filesystem", "{\"source\": \"handbook\"}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().path("ok").asBoolean()).isFalse();
    assertThat(r.json().path("error").asText()).isNotBlank();
    assertThat(server.get("/sources").json().path("sources")).hasSize(2);
  }
}
