package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /openapi.json lists exactly the routes the server serves, with their parameters and bodies. */
@SlowTest
class OpenApiTest {
  @TempDir static Path dir;
  static OpsTestServer server;
  static JsonNode doc;

  @BeforeAll
  static void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    doc = server.get("/openapi.json").json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_document_lists_exactly_the_registered_routes() {
    List<String> documented = new ArrayList<>();
    doc.path("paths").properties().forEach(p -> p.getValue().fieldNames()
        .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    List<String> registered = server.server.registeredRoutes().stream()
        .filter(r -> r.startsWith("GET ") || r.startsWith("POST ")).toList();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(registered);
    assertThat(documented).hasSizeGreaterThan(35);
  }

  @Test
  void every_operation_has_a_summary_and_error_responses() {
    doc.path("paths").forEach(item -> item.forEach(op -> {
      assertThat(op.path("summary").asText()).isNotBlank();
      assertThat(op.path("responses").has("400")).isTrue();
    }));
  }

  @Test
  void bodies_and_query_parameters_are_documented_in_snake_case() {
    JsonNode retry = doc.path("paths").path("/dlq/{id}/retry").path("post");
    assertThat(retry.path("requestBody").path("content").path("application/json").path("schema").path("properties")
        .fieldNames()).toIterable().containsExactly("parse_timeout_seconds", "max_chars");
    JsonNode ack = doc.path("paths").path("/alerts/{alert_id}/acknowledge").path("post");
    assertThat(ack.path("requestBody").path("required").asBoolean()).isTrue();
    assertThat(ack.path("parameters").get(0).path("name").asText()).isEqualTo("alert_id");
    JsonNode pending = doc.path("paths").path("/dlq/pending").path("get").path("parameters");
    List<String> names = new ArrayList<>();
    pending.forEach(p -> names.add(p.path("name").asText()));
    assertThat(names).containsExactly("limit", "category", "source", "priority");
  }
}
