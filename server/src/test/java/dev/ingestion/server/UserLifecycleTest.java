package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.ops.alerts.SecurityAlertRules;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Users and keys through the API: create, disable under load, revoke, expiry, the audit trail, alerts. */
@WithOpsServer
@SlowTest
class UserLifecycleTest {
  static OpsTestServer server;

  static String createUser(String name, String role) {
    Response r = server.post("/admin/users/create", "{\"username\": \"" + name + "\", \"role\": \"" + role + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().path("api_key").asText()).startsWith("ingk_").hasSize(48);
    return r.json().path("api_key").asText();
  }

  @Test
  void disabling_a_user_while_it_makes_requests_refuses_its_very_next_request() throws Exception {
    String key = createUser("busy", "operator");
    AtomicBoolean disabled = new AtomicBoolean();
    List<Integer> afterDisable = new ArrayList<>();
    List<Integer> before = new ArrayList<>();
    Thread client = Thread.ofPlatform().start(() -> {
      while (afterDisable.size() < 20) {
        boolean sentAfterDisable = disabled.get();
        int status = server.get("/dlq/stats", key).status();
        (sentAfterDisable ? afterDisable : before).add(status);
      }
    });
    while (before.size() < 5) {
      Thread.onSpinWait();
    }
    Response r = server.post("/admin/users/disable", "{\"username\": \"busy\"}");
    disabled.set(true);
    client.join();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().path("enabled").asBoolean()).isFalse();
    assertThat(before).contains(200);
    assertThat(afterDisable).as("every request sent after the disable call returned").containsOnly(401);
    assertThat(server.post("/admin/users/enable", "{\"username\": \"busy\"}").status()).isEqualTo(200);
    assertThat(server.get("/dlq/stats", key).status()).isEqualTo(200);
  }

  @Test
  void a_revoked_key_stops_at_once_and_other_keys_of_the_user_keep_working() {
    createUser("rita", "viewer");
    Response second = server.post("/admin/keys/create", "{\"username\": \"rita\", \"name\": \"laptop\"}");
    Response third = server.post("/admin/keys/create", "{\"username\": \"rita\", \"name\": \"ci\"}");
    long id = second.json().path("key").path("id").asLong();
    assertThat(server.get("/me", second.json().path("api_key").asText()).status()).isEqualTo(200);
    assertThat(server.post("/admin/keys/revoke", "{\"id\": " + id + "}").status()).isEqualTo(200);
    assertThat(server.get("/me", second.json().path("api_key").asText()).status()).isEqualTo(401);
    assertThat(server.get("/me", third.json().path("api_key").asText()).json().path("username").asText())
        .isEqualTo("rita");
    assertThat(server.post("/admin/keys/revoke", "{\"id\": " + id + "}").status()).isEqualTo(409);
  }

  @Test
  void keys_with_an_expiry_show_it_and_bad_expiries_are_refused_with_what_to_send() {
    createUser("eve", "viewer");
    Response r = server.post("/admin/keys/create", "{\"username\": \"eve\", \"expires_in\": \"24h\"}");
    assertThat(r.json().path("key").path("expires_at").asText()).isNotEmpty();
    Response seconds = server.post("/admin/keys/create", "{\"username\": \"eve\", \"expires_in\": 3600}");
    assertThat(seconds.status()).isEqualTo(201);
    Response bad = server.post("/admin/keys/create", "{\"username\": \"eve\", \"expires_in\": \"soon\"}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("message").asText()).contains("expires_in", "24h");
  }

  @Test
  void bad_user_input_gets_400_or_409_saying_what_to_fix() {
    createUser("dup", "viewer");
    assertThat(server.post("/admin/users/create", "{\"username\": \"dup\", \"role\": \"viewer\"}").status()).isEqualTo(409);
    Response role = server.post("/admin/users/create", "{\"username\": \"x1\", \"role\": \"root\"}");
    assertThat(role.status()).isEqualTo(400);
    assertThat(role.json().path("message").asText()).contains("viewer, operator or admin");
    Response name = server.post("/admin/users/create", "{\"username\": \"<script>\", \"role\": \"viewer\"}");
    assertThat(name.status()).isEqualTo(400);
    assertThat(server.post("/admin/users/disable", "{\"username\": \"nobody\"}").status()).isEqualTo(404);
    Response dup = server.post("/admin/users/disable", "{\"username\": \"a\", \"username\": \"b\"}");
    assertThat(dup.status()).isEqualTo(400);
    assertThat(dup.json().path("message").asText()).contains("Duplicate field");
  }

  @Test
  void state_changing_calls_are_in_the_audit_trail_with_who_and_before_after() {
    createUser("audited", "viewer");
    server.post("/admin/users/disable", "{\"username\": \"audited\"}");
    JsonNode entries = server.get("/audit?limit=50").json().path("entries");
    JsonNode disable = null;
    for (JsonNode e : entries) {
      if (e.path("path").asText().equals("/admin/users/disable") && e.path("target").asText().equals("user audited")) {
        disable = e;
        break;
      }
    }
    assertThat(disable).as(entries.toString()).isNotNull();
    assertThat(disable.path("actor").asText()).isEqualTo("test-admin");
    assertThat(disable.path("status").asInt()).isEqualTo(200);
    assertThat(disable.path("before").asText()).contains("\"enabled\":true");
    assertThat(disable.path("after").asText()).contains("\"enabled\":false");
    assertThat(entries.toString()).contains("/admin/users/create", "ingk_")
        .as("key prefixes only, never a whole key").doesNotContainPattern("ingk_[A-Za-z0-9_-]{43}");
  }

  @Test
  void a_burst_of_bad_keys_raises_a_failed_authentication_alert_and_shows_in_security_metrics() {
    for (int i = 0; i < 12; i++) {
      assertThat(server.get("/stats", "ingk_" + "x".repeat(43)).status()).isEqualTo(401);
    }
    server.get("/documents?q=../../etc/passwd");
    server.ops.alertEvaluator().evaluate();
    JsonNode active = server.get("/alerts/active").json().path("alerts");
    assertThat(active.findValuesAsText("rule")).contains(SecurityAlertRules.AUTH_FAILURES);
    JsonNode sec = server.get("/metrics/security?window=1h").json();
    assertThat(sec.path("security").path("failed_authentications").asLong()).isGreaterThanOrEqualTo(12);
    assertThat(sec.path("security").path("suspicious_requests").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(sec.path("security").path("top_failed_clients").get(0).path("client").asText()).isEqualTo("127.0.0.1");
  }
}
