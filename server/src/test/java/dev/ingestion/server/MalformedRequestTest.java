package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Client mistakes get a 4xx JSON error that says what to fix; never a 5xx. */
@WithOpsServer
@SlowTest
class MalformedRequestTest {
  static OpsTestServer server;

  @ParameterizedTest(name = "GET {0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "/stats?period=abc|400|invalid_period",
      "/stats?period=99999d|400|invalid_period",
      "/stats?period=0h|400|invalid_period",
      "/stats?period=-1h|400|invalid_period",
      "/metrics/error_rate?period=1y|400|invalid_period",
      "/dlq/pending?limit=-1|400|invalid_parameter",
      "/dlq/pending?limit=0|400|invalid_parameter",
      "/dlq/pending?limit=1001|400|invalid_parameter",
      "/dlq/pending?limit=abc|400|invalid_parameter",
      "/dlq/pending?limit=99999999999999999999|400|invalid_parameter",
      "/dlq/pending?limt=10|400|unknown_parameter",
      "/dlq/pending?category=nope|400|invalid_request",
      "/dlq/pending?priority=urgent|400|invalid_request",
      "/documents/abc|400|invalid_id",
      "/documents/0|400|invalid_id",
      "/documents/-3|400|invalid_id",
      "/documents/999999|404|not_found",
      "/documents/999999/chunks|404|not_found",
      "/documents/slow?threshold=-5|400|invalid_parameter",
      "/dlq/999999|404|not_found",
      "/alerts/999999|404|not_found",
      "/alerts?status=bogus|400|invalid_request",
      "/metrics/growth?days=0|400|invalid_parameter",
      "/reports/performance?period=5x|400|invalid_period",
      "/health?verbose=1|400|unknown_parameter",
      "/no/such/endpoint|404|not_found"})
  void bad_gets_are_4xx_json(String target, int status, String error) {
    expect(server.get(target), status, error);
  }

  @ParameterizedTest(name = "POST {0} {1} -> {2} {3}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "/dlq/1/assign|{not json|400|invalid_json",
      "/dlq/1/assign|[]|400|invalid_field",
      "/dlq/1/assign|null|400|invalid_json",
      "/dlq/1/assign|`\"text\"`|400|invalid_field",
      "/dlq/1/assign||400|missing_body",
      "/dlq/1/assign|{}|400|invalid_request",
      "/dlq/1/assign|`{\"assignee\": {\"a\": 1}}`|400|invalid_field",
      "/dlq/1/assign|`{\"assignee\": \"a\", \"extra\": 1}`|400|unknown_field",
      "/dlq/1/assign|`{\"assignee\": \"a\", \"assignee\": \"b\"}`|400|invalid_json",
      "/dlq/1/assign|`{\"assignee\": \"alice\"}`|404|not_found",
      "/dlq/cleanup|`{\"days_old\": \"thirty\"}`|400|invalid_field",
      "/dlq/cleanup|`{\"days_old\": \"30\"}`|400|invalid_field",
      "/dlq/cleanup|`{\"days_old\": 30.5}`|400|invalid_field",
      "/dlq/cleanup|`{\"days_old\": -1}`|400|invalid_request",
      "/dlq/cleanup|`{\"days_old\": 99999}`|400|invalid_request",
      "/dlq/cleanup|`{\"days\": 30}`|400|unknown_field",
      "/versions/cleanup|`{\"keep_latest\": 0}`|400|invalid_request",
      "/versions/cleanup|`{\"days_old\": 99999999999}`|400|invalid_field",
      "/dlq/1/retry|`{\"parse_timeout_seconds\": 0}`|400|invalid_field",
      "/dlq/1/retry|`{\"max_chars\": 5}`|400|invalid_field",
      "/dlq/1/retry|{}|404|not_found",
      "/dlq/retry|`{\"limit\": 0}`|400|invalid_field",
      "/dlq/retry|`{\"category\": \"nope\"}`|400|invalid_request",
      "/dlq/1/escalate|`{\"priority\": \"high\"}`|400|unknown_field",
      "/alerts/1/acknowledge|`{\"notes\": \"x\"}`|400|invalid_request",
      "/alerts/1/acknowledge|`{\"acknowledged_by\": \"me\"}`|404|not_found",
      "/alerts/abc/acknowledge|`{\"acknowledged_by\": \"me\"}`|400|invalid_id",
      "/alerts/1/resolve|`{\"resolution\": \"x\"}`|400|unknown_field",
      "/test/s3|`{\"bucket\": [1]}`|400|invalid_field",
      "/test/sftp|{}|404|not_found",
      "/sources/nope/sync|{}|404|not_found",
      "/sources/handbook/sync?wait=maybe|{}|400|invalid_parameter",
      "/admin/users/disable|`{\"username\": \"x\"}`|404|not_found"})
  void bad_posts_are_4xx_json(String target, String body, int status, String error) {
    expect(server.post(target, body), status, error);
  }

  @Test
  void a_wrong_method_is_405() {
    expect(server.post("/stats", "{}"), 405, "method_not_allowed");
    expect(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/health")).DELETE().build()), 405,
        "method_not_allowed");
  }

  @Test
  void a_body_over_a_megabyte_is_refused() {
    Response r = server.post("/dlq/1/assign", "{\"assignee\": \"" + "x".repeat(1_100_000) + "\"}");
    assertThat(r.status()).isEqualTo(413);
  }

  private static void expect(Response r, int status, String error) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json()).as("a JSON body: %s", r.body()).isNotNull();
    assertThat(r.json().path("error").asText()).as(r.body()).isEqualTo(error);
    assertThat(r.json().path("message").asText()).isNotBlank();
  }
}
