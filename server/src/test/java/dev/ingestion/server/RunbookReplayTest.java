package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.security.Role;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.store.HealthCheckRepository;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every curl of the operational runbook (its host swapped for a test server) against a server
 * whose database the real pipeline filled, and checks what the runbook's "Expected Results" talk about.
 */
@SlowTest
class RunbookReplayTest {

  @TempDir static Path dir;
  static OpsTestServer server;
  static long alertId;
  static String compromisedKey;

  record Curl(String method, String target, String body) {}

  @BeforeAll
  static void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    server.ingest();
    server.ops.alertEvaluator().evaluate();
    alertId = server.get("/alerts/active").json().path("alerts").get(0).path("id").asLong();
    compromisedKey = server.security.users().create("compromised_user", Role.VIEWER, "test").key().key();
    assertThat(server.get("/me", compromisedKey).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * The runbook's curls, kept as the project's own fixture (one per line: method, target, JSON body).
   * scripts/check_runbook_coverage.sh confirms the fixture still matches the runbook document.
   */
  static List<Curl> curls() throws IOException {
    List<Curl> out = new ArrayList<>();
    try (var in = RunbookReplayTest.class.getResourceAsStream("/runbook/curls.txt")) {
      if (in == null) {
        throw new IllegalStateException("test resource runbook/curls.txt is missing");
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" ", 3);
        out.add(new Curl(parts[0], parts[1], parts.length == 3 ? parts[2] : null));
      }
    }
    return out;
  }

  @Test
  void the_runbook_has_the_curls_this_test_expects() throws IOException {
    assertThat(curls()).hasSizeGreaterThanOrEqualTo(30);
    assertThat(curls()).extracting(Curl::target).contains("/health", "/dlq/cleanup", "/versions/cleanup",
        "/alerts/{alert_id}/acknowledge", "/reports/capacity", "/metrics/security");
  }

  @Test
  void every_runbook_curl_answers_with_what_the_runbook_expects() throws IOException {
    Map<String, Consumer<Response>> expected = expectations();
    List<String> replayed = new ArrayList<>();
    for (Curl c : curls()) {
      String target = c.target().replace("{alert_id}", String.valueOf(alertId));
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + target));
      b = c.method().equals("GET") ? b.GET() : b.POST(c.body() == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(c.body()));
      // As an operator runs them: the runbook's command with the admin key from a curl config (-K).
      Response r = server.send(b.header("Authorization", "Bearer " + server.adminKey).build());
      String path = c.target().contains("?") ? c.target().substring(0, c.target().indexOf('?')) : c.target();
      assertThat(expected).as("an expectation for %s", path).containsKey(path);
      assertThat(r.json()).as("JSON from %s %s: %s", c.method(), target, r.body()).isNotNull();
      assertThat(r.status()).as("%s %s: %s", c.method(), target, r.body()).isLessThan(500);
      expected.get(path).accept(r);
      replayed.add(c.method() + " " + target);
    }
    assertThat(replayed).hasSizeGreaterThanOrEqualTo(30);
    // Callers never write health checks; the scheduler's check does, each component with its timestamp.
    for (int i = 0; i < 3; i++) {
      server.ops.health().recordScheduled();
    }
    assertThat(new HealthCheckRepository(server.db).history("database", Instant.EPOCH, 100))
        .as("every health check is recorded with its timestamp").hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(h -> assertThat(h.timestamp()).isNotNull());
  }

  private static Map<String, Consumer<Response>> expectations() {
    Map<String, Consumer<Response>> e = new HashMap<>();
    e.put("/health", r -> {
      ok(r);
      assertThat(r.json().path("status").asText()).isEqualTo("healthy");
      assertThat(r.json().path("checks").fieldNames()).toIterable()
          .contains("database", "filesystem", "workers", "resources");
      r.json().path("checks").forEach(c -> assertThat(c.path("status").asText()).isEqualTo("healthy"));
    });
    e.put("/health/database", r -> {
      ok(r);
      assertThat(r.json().path("status").asText()).isEqualTo("healthy");
      JsonNode d = r.json().path("details");
      assertThat(d.path("dialect").asText()).isEqualTo("sqlite");
      assertThat(d.has("query_latency_ms") && d.has("pool_active") && d.has("pool_max")).isTrue();
    });
    e.put("/health/filesystem", r -> {
      ok(r);
      assertThat(r.json().path("status").asText()).isEqualTo("healthy");
      JsonNode paths = r.json().path("details").path("paths");
      assertThat(paths).hasSizeGreaterThanOrEqualTo(4);
      paths.forEach(p -> assertThat(p.path("exists").asBoolean() && p.path("free_bytes").asLong() > 0
          && p.has("free_percent")).isTrue());
    });
    e.put("/stats", r -> {
      ok(r);
      JsonNode by = r.json().path("documents").path("by_status");
      assertThat(by.path("completed").asLong()).isEqualTo(5);
      assertThat(by.path("dead_letter").asLong()).isEqualTo(3);
      assertThat(r.json().path("processed").asLong()).isEqualTo(5);
      assertThat(r.json().path("failed").asLong()).isEqualTo(3);
      assertThat(r.json().path("period").asText()).isEqualTo("24h");
      assertThat(r.json().path("throughput").has("documents_per_hour")).isTrue();
      assertThat(r.json().path("bytes_processed").asLong()).isPositive();
    });
    e.put("/metrics/error_rate", r -> {
      ok(r);
      assertThat(r.json().path("rate").asDouble()).isEqualTo(0.375);
      assertThat(r.json().path("errors").asLong()).isEqualTo(3);
      assertThat(r.json().path("total").asLong()).isEqualTo(8);
    });
    e.put("/dlq/stats", r -> {
      ok(r);
      assertThat(r.json().path("total").asLong()).isEqualTo(3);
      assertThat(r.json().path("by_category").fieldNames()).toIterable().contains("corrupt", "encrypted", "empty");
      assertThat(r.json().path("by_priority").has("low")).isTrue();
      assertThat(r.json().path("by_source").path("handbook").asLong()).isEqualTo(3);
      assertThat(r.json().path("oldest_open_age_seconds").isNumber()).isTrue();
    });
    e.put("/dlq/pending", r -> {
      ok(r);
      assertThat(r.json().path("items")).hasSize(3);
      r.json().path("items").forEach(i -> assertThat(i.path("category").asText()).isNotEmpty());
    });
    e.put("/alerts/active", r -> {
      ok(r);
      assertThat(r.json().path("by_severity").path("critical").asLong()).isZero();
      assertThat(r.json().path("alerts").get(0).path("rule").asText()).isEqualTo("dlq_backlog");
    });
    e.put("/metrics/processing_time", r -> {
      ok(r);
      JsonNode t = r.json().path("total_ms");
      assertThat(t.path("count").asLong()).isEqualTo(5);
      assertThat(t.path("p95").asLong()).isLessThan(30_000);
      assertThat(t.has("p50") && t.has("p90") && t.has("p99") && t.has("max")).isTrue();
      assertThat(r.json().path("stages").path("parse").path("count").asLong()).isEqualTo(5);
    });
    e.put("/documents/slow", r -> {
      ok(r);
      assertThat(r.json().path("threshold_ms").asLong()).isEqualTo(30_000);
      assertThat(r.json().path("processing_longer_than_threshold")).isEmpty();
    });
    e.put("/test/sharepoint", r -> notConfigured(r, "sharepoint"));
    e.put("/test/s3", r -> notConfigured(r, "s3"));
    e.put("/test/database", r -> notConfigured(r, "database"));
    e.put("/alerts/{alert_id}/acknowledge", r -> {
      ok(r);
      assertThat(r.json().path("status").asText()).isEqualTo("acknowledged");
      assertThat(r.json().path("acknowledged_by").asText()).isEqualTo("engineer_name");
      assertThat(r.json().path("ack_notes").asText()).isEqualTo("Investigating issue");
    });
    e.put("/alerts/{alert_id}/resolve", r -> {
      ok(r);
      assertThat(r.json().path("status").asText()).isEqualTo("resolved");
      assertThat(r.json().path("resolution_notes").asText()).isEqualTo("Issue resolved by restarting service");
    });
    e.put("/errors/categories", r -> {
      ok(r);
      assertThat(r.json().path("total_errors").asLong()).isEqualTo(3);
      assertThat(r.json().path("categories").get(0).path("examples")).isNotEmpty();
    });
    e.put("/documents/failed", r -> {
      ok(r);
      assertThat(r.json().path("documents")).hasSize(3);
      r.json().path("documents").forEach(d -> assertThat(d.path("last_error").asText()).isNotEmpty());
    });
    e.put("/dlq/aging", r -> {
      ok(r);
      assertThat(r.json().path("open").asLong()).isEqualTo(3);
      assertThat(r.json().path("buckets").get(0).path("items").asLong()).isEqualTo(3);
      assertThat(r.json().path("sla")).hasSize(4);
    });
    e.put("/dlq/reviews", r -> {
      ok(r);
      assertThat(r.json().has("in_review") && r.json().has("by_assignee")).isTrue();
    });
    e.put("/admin/cache/clear", r -> {
      ok(r);
      assertThat(r.json().path("cleared")).isNotEmpty();
    });
    e.put("/dlq/cleanup", r -> {
      ok(r);
      assertThat(r.json().path("archived").asLong()).isZero();
      assertThat(r.json().path("days_old").asLong()).isEqualTo(30);
    });
    e.put("/versions/cleanup", r -> {
      ok(r);
      assertThat(r.json().path("versions_deleted").asLong()).isZero();
      assertThat(r.json().path("keep_latest").asLong()).isEqualTo(5);
    });
    e.put("/reports/performance", r -> {
      ok(r);
      assertThat(r.json().path("volume").path("processed").asLong()).isEqualTo(5);
      assertThat(r.json().path("latency").path("stages").has("parse")).isTrue();
      assertThat(r.json().path("errors").path("rate").asDouble()).isPositive();
      assertThat(r.json().has("slowest_documents") && r.json().has("trend") && r.json().has("daily")).isTrue();
    });
    e.put("/reports/capacity", r -> {
      ok(r);
      assertThat(r.json().path("storage").path("database_bytes").asLong()).isPositive();
      assertThat(r.json().path("data_disk").path("free_bytes").asLong()).isPositive();
      assertThat(r.json().path("growth").has("days_until_disk_full")).isTrue();
      assertThat(r.json().path("backlog").path("hours_to_drain").asDouble()).isZero();
    });
    e.put("/metrics/growth", r -> {
      ok(r);
      assertThat(r.json().path("added").path("documents").asLong()).isEqualTo(8);
      assertThat(r.json().path("added").path("versions").asLong()).isEqualTo(5);
      assertThat(r.json().path("per_day")).hasSize(30);
    });
    e.put("/metrics/security", r -> {
      ok(r);
      assertThat(r.json().path("process").path("requests").asLong()).isPositive();
      assertThat(r.json().path("security").has("failed_authentications")).isTrue();
      assertThat(r.json().path("security").path("active_keys").asLong()).isPositive();
    });
    e.put("/admin/users/disable", r -> {
      ok(r);
      assertThat(r.json().path("username").asText()).isEqualTo("compromised_user");
      assertThat(r.json().path("enabled").asBoolean()).isFalse();
      assertThat(server.get("/me", compromisedKey).status()).as("the disabled user's key is refused").isEqualTo(401);
    });
    return e;
  }

  private static void ok(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static void notConfigured(Response r, String kind) {
    assertThat(r.status()).as(r.body()).isEqualTo(404);
    assertThat(r.json().path("error").asText()).isEqualTo("not_found");
    assertThat(r.json().path("message").asText()).contains("no " + kind + " source is configured");
  }
}
