package dev.ingestion.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.security.ApiKeys;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.server.OpsTestServer.Response;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from a PKCS12 key store and from PEM files (made here with keytool), and failed-auth throttling. */
@ProcessTest
class TlsAndThrottleTest {
  private static final String PASSWORD = "test-only-password";

  @TempDir Path dir;

  @Test
  void serves_https_from_a_pkcs12_key_store() throws Exception {
    Path p12 = selfSigned();
    TlsConfig tls = new TlsConfig(p12, PASSWORD, null, null);
    try (OpsTestServer server = new OpsTestServer(dir.resolve("a"), Clock.systemUTC(), List.of(),
        OpsTestServer.lenient(dir), tls, trusting(p12))) {
      Response r = server.get("/me");
      assertThat(server.base()).startsWith("https://");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
    }
  }

  @Test
  void serves_https_from_pem_certificate_and_key_files() throws Exception {
    Path p12 = selfSigned();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    Path cert = dir.resolve("server.crt");
    Path key = dir.resolve("server.key");
    Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("server").getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", ks.getKey("server", PASSWORD.toCharArray()).getEncoded()));
    try (OpsTestServer server = new OpsTestServer(dir.resolve("b"), Clock.systemUTC(), List.of(),
        OpsTestServer.lenient(dir), new TlsConfig(null, null, cert, key), trusting(p12))) {
      assertThat(server.get("/me").status()).isEqualTo(200);
      assertThat(server.get("/me", null).status()).isEqualTo(401);
    }
  }

  @Test
  void a_key_that_keeps_failing_from_one_address_gets_429_but_a_valid_key_from_there_still_works() throws IOException {
    SecurityConfig d = SecurityConfig.defaults(dir);
    SecurityConfig strict = new SecurityConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(5), d.adminKeyFile(), 100, 100,
        d.alertWindow());
    try (OpsTestServer server = new OpsTestServer(dir, Clock.systemUTC(), List.of(), strict, TlsConfig.NONE,
        HttpClient.newHttpClient())) {
      String bad = "ingk_" + "y".repeat(43);
      for (int i = 0; i < 3; i++) {
        assertThat(server.get("/stats", bad).status()).isEqualTo(401);
      }
      Response throttled = server.get("/stats", bad);
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(throttled.json().path("message").asText()).contains("too many failed authentications");
      assertThat(server.security.report().over(Duration.ofHours(1)).throttledClients()).isEqualTo(1);
      for (int i = 0; i < 20; i++) {
        server.get("/stats", bad);
        server.get("/stats", null);
      }
      assertThat(server.get("/stats").status()).as("the admin's valid key after the burst").isEqualTo(200);
      assertThat(server.get("/stats", "ingk_" + "z".repeat(43)).status()).as("another key prefix").isEqualTo(401);
    }
  }

  @Test
  void an_address_making_up_a_new_key_for_every_request_is_throttled_too_but_valid_keys_pass() throws IOException {
    SecurityConfig d = SecurityConfig.defaults(dir);
    SecurityConfig strict = new SecurityConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(5), d.adminKeyFile(), 100, 100,
        d.alertWindow());
    try (OpsTestServer server = new OpsTestServer(dir, Clock.systemUTC(), List.of(), strict,
        TlsConfig.NONE, HttpClient.newHttpClient())) {
      int refused = 0;
      for (int i = 0; i < 3 * 10 + 5; i++) {
        refused += server.get("/stats", ApiKeys.generate()).status() == 429 ? 1 : 0;
      }
      assertThat(refused).as("the failures past ten times the per-key limit").isEqualTo(5);
      assertThat(server.get("/stats").status()).isEqualTo(200);
    }
  }

  private Path selfSigned() throws IOException, InterruptedException {
    Path p12 = dir.resolve("server.p12");
    if (Files.exists(p12)) {
      return p12;
    }
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize",
        "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype",
        "PKCS12", "-keystore", p12.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    return p12;
  }

  private static HttpClient trusting(Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }
}
