package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink examples of docs/delivery.md load through the real loader, with the module found by ServiceLoader. */
@ProcessTest
class SinkDocTest {
  @TempDir Path dir;

  static List<String> sinkExamples() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "delivery.md"));
    String section = doc.substring(doc.indexOf("## Sinks"), doc.indexOf("## Cost on the write path"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(section);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void the_documented_sinks_load_with_their_defaults_and_secrets_from_the_environment() throws Exception {
    List<String> examples = sinkExamples();
    assertThat(examples).hasSize(3);
    IngestionConfig minimal = load(examples.get(0), Map.of());
    assertThat(minimal.sinks()).singleElement().satisfies(s -> {
      assertThat(s.config().name()).isEqualTo("search");
      assertThat(s.config().type()).isEqualTo("opensearch");
      assertThat(s.config().batchSize()).isEqualTo(500);
      assertThat(s.config().pollInterval()).isEqualTo(Duration.ofSeconds(2));
    });

    Path ca = caCertificate();
    String full = examples.get(1).replace("/etc/ingestion/search-ca.pem", ca.toString());
    IngestionConfig cfg = load(full, Map.of("OPENSEARCH_PASSWORD", "s3cret"));
    assertThat(cfg.sink("search")).isPresent();
    assertThat(cfg.sink("search").get().toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> load(full, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("OPENSEARCH_PASSWORD");
    String solr = examples.get(2).replace("/etc/ingestion/solr-ca.pem", ca.toString());
    IngestionConfig solrCfg = load(solr, Map.of("SOLR_PASSWORD", "s3cret"));
    assertThat(solrCfg.sink("solr")).hasValueSatisfying(s -> {
      assertThat(s.config().type()).isEqualTo("solr");
      assertThat(s.toString()).doesNotContain("s3cret");
    });
    assertThatThrownBy(() -> load(solr, Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("SOLR_PASSWORD");
    assertThatThrownBy(() -> load(examples.get(0) + examples.get(0).replace("sinks:\n", ""), Map.of()))
        .hasMessageContaining("another sink is already called 'search'");
  }

  private IngestionConfig load(String yaml, Map<String, String> env) throws Exception {
    return new ConfigLoader(env).load(Files.writeString(dir.resolve("ingestion.yml"), yaml), true);
  }

  /** A self-signed certificate in PEM, made by the JDK's keytool. */
  private Path caCertificate() throws Exception {
    Path keystore = dir.resolve("ca.p12");
    Path pem = dir.resolve("ca.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    exec(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=test-ca", "-validity", "2",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-storetype", "PKCS12");
    exec(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", keystore.toString(), "-storepass", "changeit",
        "-file", pem.toString());
    return pem;
  }

  private static void exec(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
