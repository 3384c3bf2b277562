package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.security.ApiKeys;
import dev.ingestion.security.Role;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every path of GET /openapi.json (so an endpoint added later is covered without touching this test)
 * with every method, HEAD and OPTIONS included, and with no key, a wrong key, a disabled user's key, a
 * viewer's key, an operator's key and the key of the role it needs.
 */
@SlowTest
class AccessControlTest {
  static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE");

  @TempDir static Path dir;
  static OpsTestServer server;
  static Map<Role, String> keys;
  static String disabledKey;
  /** Declared operations in registration order: "METHOD path" to the role it needs ("none": keyless). */
  static final Map<String, String> declared = new LinkedHashMap<>();

  /** One request of the walk: what it is sent to and the role it needs. */
  record Call(String method, String template, String path, Role needs, boolean keyless, boolean declaredMethod) {
    @Override
    public String toString() {
      return method + " " + path + " (" + template + ")";
    }
  }

  @BeforeAll
  static void start() throws IOException {
    server = new OpsTestServer(dir, Clock.systemUTC());
    var users = server.security.users();
    keys = Map.of(Role.VIEWER, users.create("vera", Role.VIEWER, "test").key().key(),
        Role.OPERATOR, users.create("otto", Role.OPERATOR, "test").key().key(),
        Role.ADMIN, server.adminKey);
    disabledKey = users.create("dora", Role.ADMIN, "test").key().key();
    users.setEnabled("dora", false, "test");
    JsonNode doc = server.get("/openapi.json").json();
    List<String> order = server.server.specs().stream().map(s -> s.method() + " " + s.path()).toList();
    Map<String, String> byOp = new LinkedHashMap<>();
    doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> byOp.put(
        op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey(), op.getValue().path("x-required-role").asText())));
    order.forEach(op -> declared.put(op, byOp.get(op)));
    assertThat(byOp.keySet()).containsExactlyInAnyOrderElementsOf(order);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void without_a_key_every_method_on_every_path_is_refused_with_401_except_the_bare_health_status() {
    for (Call c : walk()) {
      Response r = send(c, null);
      if (c.keyless()) {
        assertThat(r.status()).as("%s without a key", c).isIn(200, 503);
      } else {
        assertThat(r.status()).as("%s without a key: %s", c, r.body()).isEqualTo(401);
      }
    }
  }

  @Test
  void a_wrong_key_gets_401_everywhere_and_a_malformed_or_disabled_users_key_on_every_route() {
    String wrong = ApiKeys.generate();
    for (Call c : walk()) {
      assertThat(send(c, wrong).status()).as("%s with a wrong key", c).isEqualTo(401);
      if (c.declaredMethod()) {
        assertThat(send(c, "not-a-key").status()).as("%s with a malformed key", c).isEqualTo(401);
        assertThat(send(c, disabledKey).status()).as("%s with a disabled user's key", c).isEqualTo(401);
      }
    }
  }

  @Test
  void a_viewer_gets_403_with_a_message_for_every_method_on_operator_and_admin_paths() {
    for (Call c : walk()) {
      Response r = send(c, keys.get(Role.VIEWER));
      if (c.needs() == Role.VIEWER) {
        assertThat(r.status()).as("%s as viewer: %s", c, r.body()).isNotIn(401, 403);
        if (!c.declaredMethod()) {
          assertThat(r.status()).as("%s as viewer", c).isEqualTo(405);
        }
      } else {
        assertThat(r.status()).as("%s as viewer: %s", c, r.body()).isEqualTo(403);
        if (!c.method().equals("HEAD")) {
          assertThat(r.json().path("message").asText()).as("%s", c).contains("needs the " + c.needs().dbValue() + " role");
        }
      }
    }
  }

  @Test
  void every_route_answers_a_key_of_the_role_it_needs_and_operators_are_kept_from_admin_paths() {
    for (Call c : walk()) {
      Response r = send(c, keys.get(c.needs()));
      assertThat(r.status()).as("%s as %s: %s", c, c.needs(), r.body()).isNotIn(401, 403);
      if (!c.declaredMethod()) {
        assertThat(r.status()).as("%s as %s", c, c.needs()).isEqualTo(405);
      }
      if (c.needs() == Role.ADMIN) {
        assertThat(send(c, keys.get(Role.OPERATOR)).status()).as("%s as operator", c).isEqualTo(403);
      }
    }
  }

  @Test
  void every_route_javalin_knows_was_registered_with_a_role() {
    Map<String, RequiredRole> roles = server.server.routeRoles();
    assertThat(roles).isNotEmpty();
    roles.forEach((route, role) -> assertThat(role).as(route).isNotNull());
    assertThat(roles.get("HEAD /admin/users")).isEqualTo(new RequiredRole(Role.ADMIN, false));
    assertThat(roles.get("OPTIONS /dlq/retry")).isEqualTo(new RequiredRole(Role.OPERATOR, false));
    assertThat(roles.get("GET /dlq/retry")).as("not GET /dlq/{id}").isEqualTo(new RequiredRole(Role.OPERATOR, false));
    assertThat(roles.get("HEAD /health")).isEqualTo(new RequiredRole(Role.VIEWER, true));
  }

  @Test
  void a_path_that_matches_no_route_needs_a_key_and_then_answers_404() {
    for (String method : METHODS) {
      Call c = new Call(method, "/no/such/path", "/no/such/path", Role.VIEWER, false, false);
      assertThat(send(c, null).status()).as("%s without a key", c).isEqualTo(401);
      assertThat(send(c, keys.get(Role.VIEWER)).status()).as("%s as viewer", c).isIn(404, 405);
    }
  }

  @Test
  void a_method_a_path_does_not_have_answers_405_and_leaves_no_audit_entry() {
    Call put = expected("PUT", "/dlq/retry", "/dlq/retry");
    assertThat(send(put, server.adminKey).status()).isEqualTo(405);
    for (var e : server.get("/audit?limit=10000").json().path("entries")) {
      assertThat(e.path("status").asInt()).as(e.toString()).isNotEqualTo(405);
    }
  }

  @Test
  void the_default_roles_follow_the_method_and_admin_paths() {
    assertThat(declared).containsEntry("GET /dlq/pending", "viewer").containsEntry("POST /dlq/retry", "operator")
        .containsEntry("POST /admin/users/disable", "admin").containsEntry("POST /admin/cache/clear", "admin")
        .containsEntry("POST /versions/cleanup", "admin").containsEntry("GET /audit", "admin")
        .containsEntry("GET /admin/ips", "admin");
    assertThat(declared.entrySet()).filteredOn(e -> e.getValue().equals("none")).extracting(Map.Entry::getKey)
        .containsExactly("GET /health");
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
  void console_files_need_no_key_but_api_paths_and_other_methods_on_the_console_do() {
    assertThat(server.get("/console/app.js", null).status()).isEqualTo(404);
    assertThat(server.get("/stats", null).status()).isEqualTo(401);
    assertThat(server.post("/console/index.html", "{}", null).status()).isEqualTo(401);
  }

  /** Every declared path with every method, path parameters filled in. */
  static List<Call> walk() {
    Map<String, List<String>> methodsByPath = new LinkedHashMap<>();
    declared.keySet().forEach(op -> methodsByPath.computeIfAbsent(op.substring(op.indexOf(' ') + 1),
        p -> new ArrayList<>()).add(op.substring(0, op.indexOf(' '))));
    List<Call> calls = new ArrayList<>();
    methodsByPath.keySet().forEach(template -> {
      String path = template.replaceAll("\\{[a-z_]*id}", "999999").replaceAll("\\{[a-z_]+}", "nothing");
      METHODS.forEach(m -> calls.add(expected(m, template, path)));
    });
    return calls;
  }

  /**
   * What {@code method} on {@code path} needs: for a fixed declared path that does not declare the method,
   * the strictest role declared on it; else the first declared operation whose template matches (HEAD goes
   * to GET's); else the strictest role of the first declared path that matches.
   */
  static Call expected(String method, String template, String path) {
    String asDeclared = method.equals("HEAD") ? "GET" : method;
    boolean fixedPath = declared.keySet().stream().anyMatch(k -> k.endsWith(" " + path));
    if (fixedPath && !declared.containsKey(asDeclared + " " + path)) {
      return new Call(method, template, path, strictest(path), false, false);
    }
    Optional<Map.Entry<String, String>> op = declared.entrySet().stream()
        .filter(e -> e.getKey().startsWith(asDeclared + " ") && matches(e.getKey().substring(asDeclared.length() + 1), path))
        .findFirst();
    if (op.isPresent()) {
      String role = op.get().getValue();
      return new Call(method, template, path, role.equals("none") ? Role.VIEWER : Role.parse(role), role.equals("none"),
          true);
    }
    String first = declared.keySet().stream().map(k -> k.substring(k.indexOf(' ') + 1)).filter(t -> matches(t, path))
        .findFirst().orElseThrow();
    return new Call(method, template, path, strictest(first), false, false);
  }

  static Role strictest(String template) {
    return declared.entrySet().stream().filter(e -> e.getKey().endsWith(" " + template))
        .map(e -> e.getValue().equals("none") ? Role.VIEWER : Role.parse(e.getValue()))
        .reduce(Role.VIEWER, (a, b) -> a.covers(b) ? a : b);
  }

  static boolean matches(String template, String path) {
    String regex = Pattern.quote(template).replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q");
    return path.matches(regex);
  }

  static Response send(Call c, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + c.path()));
    b.method(c.method(), c.method().equals("GET") || c.method().equals("HEAD") || c.method().equals("TRACE")
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(""));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return server.sendRaw(b.build());
  }

  private static java.net.http.HttpResponse<String> raw(String path, String key) {
    try {
      var b = HttpRequest.newBuilder(URI.create(server.base() + path)).GET();
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
}
