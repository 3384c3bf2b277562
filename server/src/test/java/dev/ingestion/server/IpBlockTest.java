package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.InvalidInputException;
import dev.ingestion.security.IpRange;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocked client addresses: refused before authentication, CIDR ranges, expiry, kept across restarts. */
@SlowTest
class IpBlockTest {
  @TempDir Path dir;

  @Test
  void a_blocked_address_gets_403_before_authentication_and_the_block_is_audited() throws IOException {
    try (OpsTestServer server = new OpsTestServer(dir, Clock.systemUTC())) {
      Response r = server.post("/admin/ips/block", "{\"ip\": \"127.0.0.0/8\", \"reason\": \"test\", \"expires_in\": \"1h\","
          + " \"force\": true}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      assertThat(r.json().path("address").asText()).isEqualTo("127.0.0.0/8");
      Response noKey = server.get("/stats", null);
      assertThat(noKey.status()).as("refused before the missing key is noticed").isEqualTo(403);
      assertThat(noKey.json().path("message").asText()).contains("blocked");
      assertThat(server.get("/stats").status()).as("even with a valid key").isEqualTo(403);
      assertThat(server.get("/health", null).status()).isEqualTo(403);
      server.security.blocklist().unblock("127.0.0.0/8", "test");
      assertThat(server.get("/stats").status()).isEqualTo(200);
      assertThat(server.get("/audit").json().path("entries").toString()).contains("/admin/ips/block", "127.0.0.0/8");
    }
  }

  @Test
  void blocks_accept_ipv4_and_ipv6_cidr_ranges_and_refuse_host_names() {
    assertThat(IpRange.parse("10.0.0.0/8").contains(IpRange.literal("10.200.3.4").orElseThrow())).isTrue();
    assertThat(IpRange.parse("10.0.0.0/8").contains(IpRange.literal("11.0.0.1").orElseThrow())).isFalse();
    assertThat(IpRange.parse("192.168.1.100").cidr()).isEqualTo("192.168.1.100/32");
    assertThat(IpRange.parse("192.168.1.77/24").cidr()).isEqualTo("192.168.1.0/24");
    IpRange v6 = IpRange.parse("2001:db8::/32");
    assertThat(v6.contains(IpRange.literal("2001:db8:1::5").orElseThrow())).isTrue();
    assertThat(v6.contains(IpRange.literal("2001:db9::5").orElseThrow())).isFalse();
    assertThat(v6.contains(IpRange.literal("10.0.0.1").orElseThrow())).isFalse();
    assertThatThrownBy(() -> IpRange.parse("example.com")).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("CIDR");
    assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("0-32");
  }

  @Test
  void blocks_are_kept_in_the_database_across_restarts_and_expire() {
    DatabaseConfig config = DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("blocks.db"));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    try (Database db = Database.open(config, Clock.fixed(now, ZoneOffset.UTC))) {
      Security s = new Security(db, SecurityConfig.defaults(dir), db.clock());
      s.blocklist().block("2001:db8::/32", "scanner", null, "admin");
      s.blocklist().block("203.0.113.7", "brute force", Duration.ofHours(24), "admin");
    }
    try (Database db = Database.open(config, Clock.fixed(now.plus(Duration.ofHours(1)), ZoneOffset.UTC))) {
      Security s = new Security(db, SecurityConfig.defaults(dir), db.clock());
      assertThat(s.blocklist().blocking("2001:db8:0:0:0:0:0:42")).isPresent();
      assertThat(s.blocklist().blocking("203.0.113.7")).get().extracting(b -> b.reason()).isEqualTo("brute force");
      assertThat(s.blocklist().blocking("203.0.113.8")).isEmpty();
    }
    try (Database db = Database.open(config, Clock.fixed(now.plus(Duration.ofHours(25)), ZoneOffset.UTC))) {
      Security s = new Security(db, SecurityConfig.defaults(dir), db.clock());
      assertThat(s.blocklist().blocking("203.0.113.7")).as("expired after 24h").isEmpty();
      assertThat(s.blocklist().list()).extracting(b -> b.address()).containsExactly("2001:db8:0:0:0:0:0:0/32");
    }
  }

  @Test
  void x_forwarded_for_names_the_client_only_when_the_peer_is_a_trusted_proxy() throws IOException {
    try (OpsTestServer server = new OpsTestServer(dir, Clock.systemUTC());
        ApiServer proxied = OpsApi.start(server.ops, server.security, new ApiMetrics(Clock.systemUTC()),
            new ApiServer.Options("127.0.0.1", 0, TlsConfig.NONE, List.of(IpRange.parse("127.0.0.0/8"))))) {
      server.security.blocklist().block("203.0.113.9", "test", null, "test");
      assertThat(forwarded(server, server.base(), "203.0.113.9")).as("no trusted proxy: the header is ignored")
          .isEqualTo(200);
      String behindProxy = "http://127.0.0.1:" + proxied.port();
      assertThat(forwarded(server, behindProxy, "203.0.113.9")).isEqualTo(403);
      assertThat(forwarded(server, behindProxy, "203.0.113.9, 127.0.0.5")).as("trusted hops are skipped").isEqualTo(403);
      assertThat(forwarded(server, behindProxy, "203.0.113.9, 198.51.100.4"))
          .as("the address the proxy saw, not what the client wrote").isEqualTo(200);
      assertThat(forwarded(server, behindProxy, null)).isEqualTo(200);
    }
  }

  private static int forwarded(OpsTestServer server, String base, String xff) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/stats")).GET();
    if (xff != null) {
      b.header("X-Forwarded-For", xff);
    }
    return server.send(b.build()).status();
  }
}
