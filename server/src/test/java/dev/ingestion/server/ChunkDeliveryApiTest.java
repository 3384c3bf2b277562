package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.FeedMirror;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /chunks/changes, GET /chunks/stats and POST /search through a real server on a real database. */
@SlowTest
class ChunkDeliveryApiTest {
  private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> CHANGE =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  @TempDir static Path dir;
  static OpsTestServer server;

  @BeforeAll
  static void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    server.ingest();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void following_the_feed_page_by_page_gives_exactly_the_current_chunks() {
    FeedMirror mirror = new FeedMirror();
    String cursor = "0";
    boolean more = true;
    while (more) {
      OpsTestServer.Response r = server.get("/chunks/changes?since=" + cursor + "&limit=2");
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("count").asInt()).isLessThanOrEqualTo(2);
      for (JsonNode c : r.json().get("changes")) {
        mirror.apply(OpsTestServer.JSON.convertValue(c, CHANGE));
      }
      cursor = r.json().get("next_cursor").asText();
      more = r.json().get("has_more").asBoolean();
    }
    assertThat(mirror.chunks()).isEqualTo(TestDatabases.currentChunks(server.db)).isNotEmpty();
    JsonNode first = server.get("/chunks/changes?limit=1").json().get("changes").get(0);
    assertThat(first.get("op").asText()).isEqualTo("upsert");
    assertThat(first.get("id").asText()).matches("\\d+-1-0");
    assertThat(first.get("source").asText()).isEqualTo("handbook");
    assertThat(first.get("metadata").has("heading_path")).isTrue();
    assertThat(server.get("/chunks/changes?since=" + cursor).json().get("count").asInt()).isZero();
  }

  @Test
  void stats_report_the_feed_head_and_the_current_chunks() {
    JsonNode s = server.get("/chunks/stats").json();
    assertThat(s.get("current_chunks").asLong()).isEqualTo(TestDatabases.currentChunks(server.db).size());
    assertThat(s.get("embeddings_computed").asLong()).isZero();
  }

  @Test
  void search_answers_with_path_heading_path_and_snippet() {
    OpsTestServer.Response r = server.post("/search", """
        {"query": "follow the rules", "k": 3, "filters": {"source": "handbook"}}""");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("mode").asText()).isEqualTo("keyword");
    JsonNode hit = r.json().get("results").get(0);
    assertThat(hit.get("snippet").asText()).containsIgnoringCase("rules");
    assertThat(hit.get("path").asText()).isNotBlank();
    assertThat(hit.has("heading_path")).isTrue();
    assertThat(hit.get("chunk_id").asText()).matches("\\d+-\\d+-\\d+");
    assertThat(server.post("/search", """
        {"query": "rules", "filters": {"source": "elsewhere"}}""").json().get("count").asInt()).isZero();
  }

  @ParameterizedTest(name = "GET {0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "/chunks/changes?since=abc|400|invalid_request",
      "/chunks/changes?since=-4|400|invalid_request",
      "/chunks/changes?since=999999|409|conflict",
      "/chunks/changes?limit=0|400|invalid_parameter",
      "/chunks/changes?limit=1001|400|invalid_parameter",
      "/chunks/changes?cursor=1|400|unknown_parameter"})
  void bad_feed_requests_are_4xx_json(String target, int status, String error) {
    OpsTestServer.Response r = server.get(target);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isEqualTo(error);
    assertThat(r.json().get("message").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "POST /search {0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "|400|missing_body",
      "{}|400|invalid_request",
      "{\"query\": \"  \"}|400|invalid_request",
      "{\"query\": \"rules\", \"k\": 0}|400|invalid_request",
      "{\"query\": \"rules\", \"k\": 101}|400|invalid_request",
      "{\"query\": \"rules\", \"top\": 3}|400|unknown_field",
      "{\"query\": \"rules\", \"filters\": {\"owner\": \"x\"}}|400|unknown_field",
      "{\"query\": \"?!\"}|400|invalid_request"})
  void bad_searches_are_4xx_json(String body, int status, String error) {
    OpsTestServer.Response r = server.post("/search", body);
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isEqualTo(error);
  }
}
