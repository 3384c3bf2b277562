package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import org.junit.jupiter.api.Test;

/** GET /reports/database on a real server over SQLite, and the notification gauges of GET /metrics. */
@WithOpsServer
@SlowTest
class DatabaseReportApiTest {
  static OpsTestServer server;

  @Test
  void the_database_report_shows_pages_wal_tables_and_why_there_are_no_statement_statistics() {
    Response r = server.get("/reports/database?top=3");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.path("database").asText()).isEqualTo("sqlite");
    JsonNode file = body.path("sqlite").path("stats");
    assertThat(file.path("page_count").asLong()).isPositive();
    assertThat(file.has("free_pages")).isTrue();
    assertThat(file.has("wal_bytes")).isTrue();
    assertThat(file.path("relations")).hasSize(3);
    assertThat(body.path("sqlite").path("statements").asText()).contains("SQLite keeps no statement statistics");
    assertThat(body.path("last_maintenance").has("analyze")).isTrue();
    assertThat(body.path("pool").path("total").asInt()).isPositive();
  }

  @Test
  void a_bad_top_is_a_400_saying_the_range() {
    Response r = server.get("/reports/database?top=1000");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("message").asText()).contains("top");
  }

  @Test
  void prometheus_counts_notifications_by_state_and_their_failed_attempts() {
    String text = server.get("/metrics").body();
    assertThat(text).contains("ingestion_notifications{status=\"pending\"}", "ingestion_notifications{status=\"failed\"}",
        "ingestion_notification_failed_attempts ");
  }
}
