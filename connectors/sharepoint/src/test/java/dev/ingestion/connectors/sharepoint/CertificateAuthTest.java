package dev.ingestion.connectors.sharepoint;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate credentials: a key pair made by the JDK's keytool, read as PKCS#12 and as PEM; the token
 * request carries a client assertion whose RS256 signature verifies with the certificate.
 */
@ProcessTest
class CertificateAuthTest {
  static final String PASSWORD = "changeit-test-only";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  WireMockServer graph;
  String base;
  Path p12;

  @BeforeEach
  void start() throws Exception {
    graph = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    graph.start();
    base = "http://127.0.0.1:" + graph.port();
    graph.stubFor(post(urlEqualTo("/tenant-1/oauth2/v2.0/token"))
        .willReturn(okJson("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"tok-cert\"}")));
    graph.stubFor(get(urlEqualTo("/v1.0/sites/contoso.sharepoint.com:/sites/team")).willReturn(okJson("{\"id\":\"site-1\"}")));
    graph.stubFor(get(urlEqualTo("/v1.0/sites/site-1/drive")).willReturn(okJson("{\"id\":\"b!drive1\",\"name\":\"Documents\"}")));
    graph.stubFor(get(urlEqualTo("/v1.0/drives/b!drive1/root/children?$top=1")).willReturn(okJson("{\"value\":[]}")));
    p12 = dir.resolve("app.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=ingestion-test",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", PASSWORD)
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }

  @AfterEach
  void stop() {
    graph.stop();
  }

  SharePointSourceConfig config(Path certificate, String password) {
    return new SharePointSourceConfig("tenant-1", "client-1", null, certificate, password,
        URI.create(base + "/tenant-1/oauth2/v2.0/token"), URI.create(base + "/v1.0"),
        "https://contoso.sharepoint.com/sites/team", null, "", 1 << 20, Duration.ofSeconds(5), 1, Duration.ofSeconds(1));
  }

  @Test
  void a_pkcs12_certificate_signs_a_client_assertion_the_certificate_verifies() throws Exception {
    var check = new SharePointSource("sp", config(p12, PASSWORD)).check();
    assertThat(check.ok()).as(check.message()).isTrue();
    assertSignedAssertion(load().certificate());
  }

  @Test
  void a_pem_file_with_key_and_certificate_works_the_same() throws Exception {
    Loaded k = load();
    Path pem = dir.resolve("app.pem");
    Files.writeString(pem, pem("PRIVATE KEY", k.key().getEncoded()) + pem("CERTIFICATE", k.certificate().getEncoded()));
    var check = new SharePointSource("sp", config(pem, null)).check();
    assertThat(check.ok()).as(check.message()).isTrue();
    assertSignedAssertion(k.certificate());
  }

  @Test
  void config_takes_a_secret_or_a_certificate_and_names_the_field_otherwise() {
    Map<String, Object> both = base(Map.of("client_secret", "s", "certificate", p12.toString()));
    assertThatThrownBy(() -> SharePointSourceConfig.from(new ConfigMap("sources[0]", both)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].client_secret").hasMessageContaining("both");
    assertThatThrownBy(() -> SharePointSourceConfig.from(new ConfigMap("sources[0]", base(Map.of()))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("neither");
    Map<String, Object> wrongPassword = base(Map.of("certificate", p12.toString(), "certificate_password", "nope"));
    assertThatThrownBy(() -> SharePointSourceConfig.from(new ConfigMap("sources[0]", wrongPassword)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("certificate:").hasMessageNotContaining("nope");
    SharePointSourceConfig ok = SharePointSourceConfig.from(new ConfigMap("sources[0]",
        base(Map.of("certificate", p12.toString(), "certificate_password", PASSWORD))));
    assertThat(ok.toString()).doesNotContain(PASSWORD).contains("certificatePassword=****");
  }

  private static Map<String, Object> base(Map<String, Object> extra) {
    Map<String, Object> m = new HashMap<>(Map.of("name", "sp", "type", "sharepoint", "tenant_id", "t",
        "client_id", "c", "site", "https://contoso.sharepoint.com/sites/team"));
    m.putAll(extra);
    return m;
  }

  private void assertSignedAssertion(X509Certificate cert) throws Exception {
    List<LoggedRequest> requests = graph.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
        urlEqualTo("/tenant-1/oauth2/v2.0/token")));
    assertThat(requests).hasSize(1);
    Map<String, String> form = new HashMap<>();
    for (String pair : requests.get(0).getBodyAsString().split("&")) {
      String[] kv = pair.split("=", 2);
      form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    assertThat(form).doesNotContainKey("client_secret")
        .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    String[] jwt = form.get("client_assertion").split("\\.");
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(cert.getPublicKey());
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("x5t").asText()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
        .encodeToString(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded())));
    assertThat(claims.path("aud").asText()).isEqualTo(base + "/tenant-1/oauth2/v2.0/token");
    assertThat(claims.path("iss").asText()).isEqualTo("client-1");
    assertThat(claims.path("sub").asText()).isEqualTo("client-1");
    assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("nbf").asLong());
  }

  record Loaded(PrivateKey key, X509Certificate certificate) {}

  private Loaded load() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      store.load(in, PASSWORD.toCharArray());
    }
    return new Loaded((PrivateKey) store.getKey("app", PASSWORD.toCharArray()), (X509Certificate) store.getCertificate("app"));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
