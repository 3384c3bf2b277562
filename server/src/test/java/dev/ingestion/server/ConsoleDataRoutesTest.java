package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The console's extra reads (document search, hourly throughput) and its static files, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SlowTest
class ConsoleDataRoutesTest {
  OpsTestServer server;

  @BeforeAll
  void start(@TempDir Path dir) throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    server.ingest();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void search_matches_path_or_title_fragments_in_any_case_newest_first() {
    JsonNode page = server.get("/documents?q=POLICY").json();
    assertThat(page.path("count").asInt()).isEqualTo(1);
    assertThat(page.path("documents").get(0).path("external_id").asText()).isEqualTo("policy.docx");
    JsonNode byTitle = server.get("/documents?q=guide&status=completed&source=handbook").json();
    assertThat(byTitle.path("documents").get(0).path("external_id").asText()).isEqualTo("guide.md");
    List<Long> ids = new ArrayList<>();
    server.get("/documents?status=dead_letter").json().path("documents").forEach(d -> ids.add(d.path("id").asLong()));
    assertThat(ids).hasSize(3).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void pages_follow_the_cursor_and_end_with_a_null_cursor() {
    List<String> seen = new ArrayList<>();
    String cursor = "";
    for (int i = 0; i < 10 && cursor != null; i++) {
      JsonNode page = server.get("/documents?limit=3" + cursor).json();
      page.path("documents").forEach(d -> seen.add(d.path("external_id").asText()));
      cursor = page.path("next_before").isNull() ? null : "&before=" + page.path("next_before").asLong();
    }
    assertThat(seen).hasSize(8).doesNotHaveDuplicates();
  }

  @Test
  void bad_search_parameters_answer_400_saying_what_is_allowed() {
    Response status = server.get("/documents?status=done");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.json().path("message").asText()).contains("pending, processing, completed");
    assertThat(server.get("/documents?limit=500").json().path("message").asText()).contains("between 1 and 200");
    assertThat(server.get("/documents?before=0").status()).isEqualTo(400);
    assertThat(server.get("/documents?title=x").json().path("error").asText()).isEqualTo("unknown_parameter");
  }

  @Test
  void throughput_has_one_point_per_hour_ending_with_the_current_hour() {
    server.ops.compactCounters();
    JsonNode series = server.get("/metrics/throughput?period=6h").json();
    JsonNode points = series.path("points");
    assertThat(points).hasSize(6);
    Instant thisHour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    JsonNode last = points.get(5);
    assertThat(Instant.parse(last.path("hour").asText())).isIn(thisHour, thisHour.minus(1, ChronoUnit.HOURS));
    long processed = 0;
    long errors = 0;
    for (JsonNode p : points) {
      processed += p.path("processed").asLong();
      errors += p.path("errors").asLong();
    }
    assertThat(processed).isEqualTo(5);
    assertThat(errors).isEqualTo(3);
    assertThat(server.get("/metrics/throughput?period=32d").status()).isEqualTo(400);
  }

  @Test
  void the_console_is_served_as_static_files_that_load_nothing_from_elsewhere() throws Exception {
    var index = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/console/")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(index.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
    assertThat(index.body()).contains("<main id=\"main\"", "js/app.js").doesNotContain("http://", "https://");
    var module = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/console/js/app.js")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(module.headers().firstValue("Content-Type").orElse("")).contains("javascript");
    assertThat(server.get("/console/js/missing.js").status()).isEqualTo(404);
  }

  @Test
  void the_console_without_its_trailing_slash_redirects_to_the_page_that_resolves_its_assets() throws Exception {
    var bare = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/console")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(bare.statusCode()).isEqualTo(301);
    assertThat(bare.headers().firstValue("Location").orElse("")).isEqualTo("/console/");
  }
}
