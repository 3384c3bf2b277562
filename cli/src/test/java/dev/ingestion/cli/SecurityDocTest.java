package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.security.IpRange;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration example of docs/security.md loads; secrets come from env or files and are masked. */
@FastTest
class SecurityDocTest {
  @TempDir Path dir;

  @Test
  void the_security_guide_example_loads_and_masks_the_key_store_password() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "security.md"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(m.find()).isTrue();
    Path file = dir.resolve("ingestion.yml");
    Files.writeString(file, m.group(1));
    IngestionConfig cfg = new ConfigLoader(Map.of("TLS_KEYSTORE_PASSWORD", "example-secret-9")).load(file, true);
    assertThat(cfg.server().tls().enabled()).isTrue();
    assertThat(cfg.server().trustedProxies()).extracting(IpRange::cidr).containsExactly("10.0.0.0/8");
    assertThat(cfg.server().tls().keystorePassword()).isEqualTo("example-secret-9");
    assertThat(cfg.server().tls().toString()).doesNotContain("example-secret-9");
    assertThat(cfg.security().maxFailures()).isEqualTo(10);
    assertThat(cfg.security().throttleFor()).isEqualTo(Duration.ofMinutes(5));
    assertThat(cfg.security().alertWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(cfg.security().adminKeyFile()).isEqualTo(Path.of("/var/data/ingestion/admin-api-key"));
  }

  @Test
  void a_secret_can_come_from_a_file_and_config_errors_name_the_field() throws IOException {
    Path secret = dir.resolve("db_password");
    Files.writeString(secret, "from-a-file\n");
    Path file = dir.resolve("ingestion.yml");
    Files.writeString(file, "database:\n  url: jdbc:postgresql://db/ingestion\n  password: ${file:" + secret + "}\n");
    IngestionConfig cfg = new ConfigLoader(Map.of()).load(file, true);
    assertThat(cfg.database().password()).isEqualTo("from-a-file");
    assertThat(cfg.database().toString()).doesNotContain("from-a-file");
    Files.writeString(file, "server:\n  tls:\n    certificate: /x.crt\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, true)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.tls.private_key");
    Files.writeString(file, "server:\n  trusted_proxies: [10.0.0.0/8, proxy.example.com]\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, true)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.trusted_proxies").hasMessageContaining("proxy.example.com");
    Files.writeString(file, "security:\n  auth_failures:\n    max_failures: 0\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file, true)).hasMessageContaining("max_failures");
  }
}
