package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few hundred generated hostile requests (seeded, so a failure replays): bad JSON, wrong types, huge
 * bodies, unicode edge cases, traversal strings, in paths, query strings and bodies of every endpoint.
 * Whatever the answer (a refusal, a 401 once keys are required, even a success), it is never a 5xx,
 * and an error always comes as a JSON body with an error code and a message.
 */
@WithOpsServer
@SlowTest
class GeneratedHostileRequestTest {
  private static final long SEED = 20261129L;
  private static final int REQUESTS = 360;
  private static final List<String> GETS = List.of("/health", "/health/database", "/health/filesystem", "/stats",
      "/metrics/error_rate", "/metrics/processing_time", "/metrics/growth", "/dlq/stats", "/dlq/pending", "/dlq/aging",
      "/dlq/reviews", "/dlq/{}", "/documents/slow", "/documents/failed", "/documents/{}", "/documents/{}/chunks",
      "/errors/categories", "/alerts", "/alerts/active", "/alerts/{}", "/sources", "/reports/performance",
      "/reports/capacity", "/reports/reconcile");
  private static final List<String> POSTS = List.of("/dlq/{}/assign", "/dlq/{}/retry", "/dlq/retry", "/dlq/{}/escalate",
      "/dlq/{}/resolve", "/dlq/{}/discard", "/dlq/cleanup", "/alerts/{}/acknowledge", "/alerts/{}/resolve",
      "/versions/cleanup", "/admin/cache/clear", "/admin/users/disable", "/sources/{}/sync", "/test/s3",
      "/test/database", "/test/filesystem", "/test/sharepoint");
  private static final List<String> FIELDS = List.of("assignee", "notes", "priority", "category", "limit", "days_old",
      "keep_latest", "max_chars", "parse_timeout_seconds", "acknowledged_by", "resolution", "username", "path",
      "bucket", "url", "source", "reason");
  private static final List<String> PARAMS = List.of("period", "limit", "category", "priority", "status", "threshold",
      "days", "source", "wait", "offset", "verbose");
  private static final List<String> NASTY = List.of("../../../../etc/passwd", "..\\..\\windows\\system32",
      "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/shadow", "file:///etc/passwd", "\u0000", "\ud83d\udca9", "\u202eevil",
      "\ufeffbom", "\u0301\u0301\u0301", "e\u0301", "\uffff", "NaN", "Infinity", "-0", "1e309", "99999999999999999999999",
      "-9223372036854775809", "0x10", " ", "", "null", "true", "[]", "{}", "' OR 1=1 --", "<script>alert(1)</script>",
      "${jndi:ldap://x}", "%s%s%s%n", "a".repeat(10_000));

  static OpsTestServer server;

  record Attempt(int n, String method, String target, byte[] body) {
    @Override
    public String toString() {
      String shown = body == null ? "" : " " + new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
      return "#" + n + " " + method + " " + (target.length() > 120 ? target.substring(0, 120) + "..." : target) + shown;
    }
  }

  static Stream<Attempt> requests() {
    Random random = new Random(SEED);
    List<Attempt> out = new ArrayList<>();
    for (int n = 0; n < REQUESTS; n++) {
      boolean post = random.nextInt(5) < 3;
      String path = pick(random, post ? POSTS : GETS).replace("{}", encode(pathValue(random)));
      String target = path + query(random);
      out.add(new Attempt(n, post ? "POST" : "GET", target, post ? body(random) : null));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void a_hostile_request_is_never_a_5xx_and_an_error_is_json(Attempt a) {
    URI uri = URI.create(server.base() + a.target());
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json");
    HttpRequest request = a.method().equals("GET") ? b.GET().build()
        : b.POST(HttpRequest.BodyPublishers.ofByteArray(a.body())).build();
    Response r;
    try {
      r = server.send(request);
    } catch (java.io.UncheckedIOException e) {
      // A pooled connection the server had just closed after refusing the previous request: a client
      // retries that on a new connection, and so does this test, once.
      r = onNewConnection(request, a);
    }
    assertThat(r.status()).as("%s -> %s", a, r.body()).isLessThan(500);
    if (r.status() >= 400) {
      JsonNode json = r.json();
      assertThat(json).as("a JSON error body for %s: %s", a, r.body()).isNotNull();
      assertThat(json.path("error").asText()).as(r.body()).isNotBlank();
      assertThat(json.path("message").asText()).as(r.body()).isNotBlank();
    }
  }

  private static Response onNewConnection(HttpRequest request, Attempt a) {
    try (java.net.http.HttpClient fresh = java.net.http.HttpClient.newHttpClient()) {
      var answer = fresh.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      try {
        json = OpsTestServer.JSON.readTree(answer.body());
      } catch (IOException notJson) {
        // left null: the assertion below reports the body
      }
      return new Response(answer.statusCode(), answer.body(), json);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("no answer to " + a + " on a new connection either", e);
    }
  }

  private static String pathValue(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> String.valueOf(random.nextLong());
      case 1 -> String.valueOf(random.nextInt(5));
      default -> pick(random, NASTY);
    };
  }

  private static String query(Random random) {
    StringBuilder q = new StringBuilder();
    for (int i = random.nextInt(3); i > 0; i--) {
      q.append(q.isEmpty() ? '?' : '&').append(random.nextInt(6) == 0 ? encode(pick(random, NASTY)) : pick(random, PARAMS))
          .append('=').append(encode(pick(random, NASTY)));
    }
    return q.toString();
  }

  private static byte[] body(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> truncatedJson(random);
      case 1 -> ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
      case 2 -> ("{\"" + pick(random, FIELDS) + "\": \"" + "x".repeat(2_000_000) + "\"}").getBytes(StandardCharsets.UTF_8);
      case 3 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
      case 4 -> "{\"assignee\": \"\\ud800\", \"notes\": \"\\udfff\\u0000\"}".getBytes(StandardCharsets.UTF_8);
      case 5 -> randomBytes(random);
      default -> wrongTypes(random);
    };
  }

  private static byte[] truncatedJson(Random random) {
    String json = "{\"" + pick(random, FIELDS) + "\": \"" + pick(random, NASTY) + "\", \"limit\": 10}";
    return json.substring(0, random.nextInt(json.length())).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(2_000)];
    random.nextBytes(b);
    return b;
  }

  /** A well-formed object whose fields have the wrong type or a hostile value. */
  private static byte[] wrongTypes(Random random) {
    StringBuilder json = new StringBuilder("{");
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      json.append(json.length() > 1 ? "," : "").append('"').append(pick(random, FIELDS)).append("\":");
      json.append(switch (random.nextInt(7)) {
        case 0 -> "[1, \"two\", null]";
        case 1 -> "{\"nested\": {\"deeper\": [true]}}";
        case 2 -> "1e400";
        case 3 -> "-1";
        case 4 -> "true";
        case 5 -> "99999999999999999999999999";
        default -> quote(pick(random, NASTY));
      });
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    StringBuilder q = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      q.append(c < 0x20 || c == '"' || c == '\\' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return q.append('"').toString();
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static <T> T pick(Random random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }
}
