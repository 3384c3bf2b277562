package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.SlowTest;
import org.junit.jupiter.api.Test;

/** The API keeps an admin able to get in, and blocks no one by a slip; user names are unique in any case. */
@WithOpsServer
@SlowTest
class GuardRailsTest {
  static OpsTestServer server;

  @Test
  void the_last_admin_with_a_usable_key_can_be_neither_disabled_nor_stripped_of_its_last_key() {
    long ownKey = server.get("/me").json().path("key_id").asLong();
    Response disable = server.post("/admin/users/disable", "{\"username\": \"test-admin\"}");
    assertThat(disable.status()).as(disable.body()).isEqualTo(409);
    assertThat(disable.json().path("message").asText()).contains("last enabled admin", "another admin");
    Response revoke = server.post("/admin/keys/revoke", "{\"id\": " + ownKey + "}");
    assertThat(revoke.status()).as(revoke.body()).isEqualTo(409);
    assertThat(revoke.json().path("message").asText()).contains("last usable admin key");
    assertThat(server.get("/me").status()).isEqualTo(200);

    Response second = server.post("/admin/users/create", "{\"username\": \"deputy\", \"role\": \"admin\"}");
    assertThat(second.status()).isEqualTo(201);
    long deputyKey = second.json().path("key").path("id").asLong();
    assertThat(server.post("/admin/keys/revoke", "{\"id\": " + deputyKey + "}").status())
        .as("another admin key remains").isEqualTo(200);
    assertThat(server.post("/admin/users/disable", "{\"username\": \"deputy\"}").status())
        .as("an admin without a usable key").isEqualTo(200);
    assertThat(server.post("/admin/users/disable", "{\"username\": \"test-admin\"}").status()).isEqualTo(409);
  }

  @Test
  void user_names_that_differ_only_in_case_are_refused() {
    assertThat(server.post("/admin/users/create", "{\"username\": \"Carol\", \"role\": \"viewer\"}").status())
        .isEqualTo(201);
    Response dup = server.post("/admin/users/create", "{\"username\": \"CAROL\", \"role\": \"admin\"}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().path("message").asText()).contains("'Carol' already exists", "whatever their case");
  }

  @Test
  void blocking_everything_or_the_callers_own_address_needs_force() {
    for (String ip : new String[] {"0.0.0.0/0", "::/0", "127.0.0.1", "127.0.0.0/8"}) {
      Response r = server.post("/admin/ips/block", "{\"ip\": \"" + ip + "\"}");
      assertThat(r.status()).as("%s: %s", ip, r.body()).isEqualTo(409);
      assertThat(r.json().path("message").asText()).contains("force: true");
    }
    assertThat(server.get("/admin/ips").json().path("blocked").size()).isZero();
    assertThat(server.post("/admin/ips/block", "{\"ip\": \"203.0.113.0/24\"}").status()).isEqualTo(201);
    Response forced = server.post("/admin/ips/block", "{\"ip\": \"::/0\", \"force\": true}");
    assertThat(forced.status()).as("no IPv6 client here, so the test keeps its way in").isEqualTo(201);
    server.security.blocklist().unblock("::/0", "test");
  }
}
