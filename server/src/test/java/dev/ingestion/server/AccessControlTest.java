package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.security.ApiKeys;
import dev.ingestion.security.Role;
import dev.ingestion.server.OpsTestServer.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every endpoint of the route table (so one added later is covered without touching this test)
 * with no key, a wrong key, a viewer's key, a disabled user's key and a key of the role it needs.
 */
class AccessControlTest {
  @TempDir static Path dir;
  static OpsTestServer server;
  static Map<Role, String> keys;
  static String disabledKey;

  @BeforeAll
  static void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    var users = server.security.users();
    keys = Map.of(Role.VIEWER, users.create("vera", Role.VIEWER, "test").key().key(),
        Role.OPERATOR, users.create("otto", Role.OPERATOR, "test").key().key(),
        Role.ADMIN, server.adminKey);
    disabledKey = users.create("dora", Role.ADMIN, "test").key().key();
    users.setEnabled("dora", false, "test");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_endpoint_refuses_a_missing_key_a_wrong_key_and_a_disabled_users_key() {
    String wrong = ApiKeys.generate();
    for (EndpointSpec spec : server.server.specs()) {
      String what = spec.method() + " " + spec.path();
      if (!spec.isAnonymous()) {
        assertThat(call(spec, null).status()).as("%s without a key", what).isEqualTo(401);
      }
      assertThat(call(spec, wrong).status()).as("%s with a wrong key", what).isEqualTo(401);
      assertThat(call(spec, "not-a-key").status()).as("%s with a malformed key", what).isEqualTo(401);
      assertThat(call(spec, disabledKey).status()).as("%s with a disabled user's key", what).isEqualTo(401);
    }
  }

  @Test
  void a_viewer_may_read_but_gets_403_with_a_message_on_operator_and_admin_endpoints() {
    for (EndpointSpec spec : server.server.specs()) {
      Response r = call(spec, keys.get(Role.VIEWER));
      String what = spec.method() + " " + spec.path();
      if (spec.role() == Role.VIEWER) {
        assertThat(r.status()).as("%s as viewer: %s", what, r.body()).isNotIn(401, 403);
      } else {
        assertThat(r.status()).as("%s as viewer", what).isEqualTo(403);
        assertThat(r.json().path("message").asText()).contains("needs the " + spec.role().dbValue() + " role");
      }
    }
  }

  @Test
  void every_endpoint_answers_a_key_of_the_role_it_needs_and_operators_are_kept_from_admin_endpoints() {
    for (EndpointSpec spec : server.server.specs()) {
      String what = spec.method() + " " + spec.path();
      Response r = call(spec, keys.get(spec.role()));
      assertThat(r.status()).as("%s as %s: %s", what, spec.role(), r.body()).isNotIn(401, 403);
      if (spec.role() == Role.ADMIN) {
        assertThat(call(spec, keys.get(Role.OPERATOR)).status()).as("%s as operator", what).isEqualTo(403);
      }
    }
  }

  @Test
  void the_default_roles_follow_the_method_and_admin_paths() {
    Map<String, Role> roles = new java.util.HashMap<>();
    server.server.specs().forEach(s -> roles.put(s.method() + " " + s.path(), s.role()));
    assertThat(roles).containsEntry("GET /dlq/pending", Role.VIEWER).containsEntry("POST /dlq/retry", Role.OPERATOR)
        .containsEntry("POST /admin/users/disable", Role.ADMIN).containsEntry("POST /admin/cache/clear", Role.ADMIN)
        .containsEntry("POST /versions/cleanup", Role.ADMIN).containsEntry("GET /audit", Role.ADMIN)
        .containsEntry("GET /admin/ips", Role.ADMIN);
    assertThat(server.server.specs()).filteredOn(EndpointSpec::isAnonymous).extracting(EndpointSpec::path)
        .containsExactly("/health");
  }

  @Test
  void health_without_a_key_says_only_the_status_and_with_one_every_check() {
    Response bare = server.get("/health", null);
    assertThat(bare.json().size()).isEqualTo(1);
    assertThat(bare.json().path("status").asText()).isNotEmpty();
    assertThat(server.get("/health", keys.get(Role.VIEWER)).json().has("checks")).isTrue();
  }

  @Test
  void every_answer_carries_the_security_headers() {
    for (String key : new String[] {null, keys.get(Role.VIEWER)}) {
      var r = raw("/stats", key);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
    assertThat(raw("/stats", null).headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
  }

  @Test
  void unknown_console_assets_need_no_key_but_api_paths_do() {
    assertThat(server.get("/console/app.js", null).status()).isEqualTo(404);
    assertThat(server.get("/stats", null).status()).isEqualTo(401);
  }

  private static java.net.http.HttpResponse<String> raw(String path, String key) {
    try {
      var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.base() + path)).GET();
      if (key != null) {
        b.header("Authorization", "Bearer " + key);
      }
      return server.http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Response call(EndpointSpec spec, String key) {
    String path = spec.path();
    for (String p : spec.pathParams()) {
      path = path.replace("{" + p + "}", p.endsWith("id") ? "999999" : "nothing");
    }
    return spec.method().equals("GET") ? server.get(path, key) : server.post(path, "", key);
  }

  static List<EndpointSpec> specs() {
    return server.server.specs();
  }
}
