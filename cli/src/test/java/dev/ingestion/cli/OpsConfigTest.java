package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operations sections of ingestion.yml and source schedules. */
@FastTest
class OpsConfigTest {
  @TempDir Path dir;

  private IngestionConfig load(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("ingestion.yml"), yaml);
    return new ConfigLoader(Map.of()).load(file, true);
  }

  @Test
  void the_example_file_sets_the_documented_defaults() {
    IngestionConfig cfg = new ConfigLoader(Map.of()).load(Path.of("..", "ingestion.example.yml"), true);
    assertThat(cfg.ops().alerts().errorRateHigh()).isEqualTo(0.05);
    assertThat(cfg.ops().alerts().errorRateCritical()).isEqualTo(0.10);
    assertThat(cfg.ops().alerts().dlqOpenMax()).isEqualTo(50);
    assertThat(cfg.ops().alerts().p95Max()).isEqualTo(Duration.ofSeconds(30));
    assertThat(cfg.ops().dlq().slaFor("critical")).isEqualTo(Duration.ofHours(4));
    assertThat(cfg.ops().dlq().slaFor("low")).isEqualTo(Duration.ofDays(7));
    assertThat(cfg.ops().retention().metrics()).isEqualTo(Duration.ofDays(30));
    assertThat(cfg.ops().retention().healthChecks()).isEqualTo(Duration.ofDays(7));
    assertThat(cfg.schedules().get("handbook").every()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void thresholds_slas_and_webhooks_can_be_changed() throws IOException {
    IngestionConfig cfg = load("""
        alerts:
          error_rate_high: 2%
          error_rate_critical: 4
          webhooks:
            critical: https://hooks.example.com/c
        dlq:
          sla:
            high: 8h
        health:
          disk_warn_percent: 20
        """);
    assertThat(cfg.ops().alerts().errorRateHigh()).isEqualTo(0.02);
    assertThat(cfg.ops().alerts().errorRateCritical()).isEqualTo(0.04);
    assertThat(cfg.ops().alerts().webhooks()).containsEntry(Severity.CRITICAL, URI.create("https://hooks.example.com/c"));
    assertThat(cfg.ops().dlq().slaFor("high")).isEqualTo(Duration.ofHours(8));
    assertThat(cfg.ops().dlq().slaFor("medium")).isEqualTo(Duration.ofHours(72));
    assertThat(cfg.ops().health().diskWarnPercent()).isEqualTo(20);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "alerts:\\n  error_rate_high: lots|alerts.error_rate_high: expected a percentage",
      "alerts:\\n  error_rate_high: 20\\n  error_rate_critical: 10|alerts.error_rate_critical: must not be below",
      "alerts:\\n  webhooks:\\n    critical: ftp://x|alerts.webhooks.critical: expected an http:// or https:// URL",
      "alerts:\\n  webhooks:\\n    urgent: https://x|alerts.webhooks.urgent: unknown setting",
      "alerts:\\n  p95_mx: 30s|alerts.p95_mx: unknown setting (did you mean 'p95_max'?)",
      "dlq:\\n  sla:\\n    high: soon|dlq.sla.high: expected a duration",
      "retention:\\n  metrics: 0d|retention.metrics: must be more than zero",
      "health:\\n  disk_warn_percent: 5\\n  disk_critical_percent: 10|health.disk_critical_percent: must not be above",
      "sources:\\n  - name: a\\n    type: filesystem\\n    path: x\\n    schedule: hourly|sources[0].schedule: expected a schedule such as 'every 15m'",
      "sources:\\n  - name: a\\n    type: filesystem\\n    path: x\\n    schedule: every 5s|sources[0].schedule: a schedule must be at least a minute apart"})
  void errors_name_the_field(String yaml, String expected) {
    assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
