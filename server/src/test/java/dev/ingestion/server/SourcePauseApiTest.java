package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.source.jdbc.JdbcSource;
import dev.ingestion.source.jdbc.JdbcSourceConfig;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.testkit.tags.SlowTest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document keeps what its source said about it (here: columns of a real SQLite table), shown by
 * GET /documents/{id}; a paused source is visible in GET /sources, refuses a sync with 409 and is resumed
 * with POST /sources/{name}/resume.
 */
@SlowTest
class SourcePauseApiTest {
  @TempDir Path dir;
  OpsTestServer server;

  @BeforeEach
  void start() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("hr.db");
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE employees (id INTEGER PRIMARY KEY, name TEXT, department TEXT, bio TEXT)");
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO employees VALUES (?, ?, ?, ?)")) {
        ins.setInt(1, 7);
        ins.setString(2, "Ada Lovelace");
        ins.setString(3, "Research");
        ins.setString(4, "Writes the first published algorithm for the Analytical Engine.");
        ins.executeUpdate();
      }
    }
    JdbcSourceConfig cfg = JdbcSourceConfig.from(new ConfigMap("sources[1]", Map.of("url", url,
        "query", "SELECT id, name, department, bio FROM employees", "id_column", "id",
        "template", "{name}\n\n{bio}", "metadata_columns", List.of("name", "department"))));
    server = new OpsTestServer(dir, Clock.systemUTC(), List.of(new JdbcSource("hr_database", cfg, Clock.systemUTC())));
    server.ingest();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void a_document_shows_the_metadata_its_source_gave_it() {
    long id = server.db.withConnection(c -> server.db.sql(c).queryLong(
        "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id WHERE s.name = 'hr_database'"));
    JsonNode doc = server.get("/documents/" + id).json();
    assertThat(doc.path("document").path("status").asText()).isEqualTo("completed");
    assertThat(doc.path("source_metadata").path("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(doc.path("source_metadata").path("department").asText()).isEqualTo("Research");
  }

  @Test
  void a_paused_source_is_listed_as_paused_refuses_a_sync_and_is_resumed_once() {
    long id = new SourceRepository(server.db).ensure("hr_database", "jdbc", "ignored");
    new SourceRepository(server.db).pause(id, "SQLSTATE 28P01: password authentication failed");

    JsonNode hr = null;
    for (JsonNode s : server.get("/sources").json().path("sources")) {
      if (s.path("name").asText().equals("hr_database")) {
        hr = s;
      }
    }
    assertThat(hr).isNotNull();
    assertThat(hr.path("status").asText()).isEqualTo("paused");
    assertThat(hr.path("paused_reason").asText()).contains("28P01");

    OpsTestServer.Response sync = server.post("/sources/hr_database/sync", null);
    assertThat(sync.status()).isEqualTo(409);
    assertThat(sync.json().path("message").asText()).contains("paused", "/sources/hr_database/resume");

    OpsTestServer.Response resumed = server.post("/sources/hr_database/resume", null);
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().path("status").asText()).isEqualTo("active");
    assertThat(server.post("/sources/hr_database/resume", null).status()).isEqualTo(409);
    assertThat(server.post("/sources/nope/resume", null).status()).isEqualTo(404);
  }
}
