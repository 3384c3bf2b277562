package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.source.Source;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML example in docs/sources.md loads through the real ConfigLoader and its plug-ins. */
@ProcessTest
class SourcesDocTest {
  static final Map<String, String> ENV = new HashMap<>(Map.of("S3_ACCESS_KEY", "AKIAEXAMPLE",
      "S3_SECRET_KEY", "example-secret-1", "MINIO_ACCESS_KEY", "minio", "MINIO_SECRET_KEY", "example-secret-2",
      "HR_DB_PASSWORD", "example-secret-3", "SHAREPOINT_CLIENT_SECRET", "example-secret-4",
      "SHAREPOINT_CERT_PASSWORD", "example-secret-5"));

  @TempDir Path dir;
  @TempDir static Path certDir;

  /** The certificate example points at a real PKCS#12 file, made here by the JDK's keytool. */
  @BeforeAll
  static void certificate() throws IOException, InterruptedException {
    Path p12 = certDir.resolve("sharepoint-app.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "app", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=ingestion-docs",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", ENV.get("SHAREPOINT_CERT_PASSWORD"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(keytool.waitFor(2, TimeUnit.MINUTES)).isTrue();
    ENV.put("SHAREPOINT_CERT_FILE", p12.toString());
  }

  static Stream<String> examples() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "sources.md"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(5);
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void each_example_in_the_sources_guide_loads_and_hides_its_secrets(String yaml) throws IOException {
    Path file = dir.resolve("ingestion.yml");
    Files.writeString(file, yaml);
    IngestionConfig config = new ConfigLoader(ENV).load(file, true);
    assertThat(config.sources()).hasSize(1);
    Source source = config.sources().get(0);
    assertThat(source.type()).isIn("s3", "jdbc", "sharepoint");
    for (String secret : ENV.values().stream().filter(v -> v.startsWith("example-secret")).toList()) {
      assertThat(source.location()).doesNotContain(secret);
      assertThat(source.toString()).doesNotContain(secret);
    }
  }
}
