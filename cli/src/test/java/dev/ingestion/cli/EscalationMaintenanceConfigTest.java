package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.Priority;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.ops.maintenance.MaintenanceConfig;
import dev.ingestion.ops.maintenance.MaintenanceJob;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** alerts.priorities / rule_priorities / escalation and the maintenance section, as documented. */
@FastTest
class EscalationMaintenanceConfigTest {
  @TempDir Path dir;

  private IngestionConfig load(String yaml) throws IOException {
    Path file = Files.writeString(dir.resolve("ingestion.yml"), yaml);
    // the documented SMTP password comes from the environment
    return new ConfigLoader(Map.of("SMTP_PASSWORD", "secret")).load(file, true);
  }

  @Test
  void the_example_file_spells_out_the_default_policy_and_schedule() {
    IngestionConfig cfg = new ConfigLoader(Map.of()).load(Path.of("..", "ingestion.example.yml"), true);
    assertThat(cfg.ops().escalation()).isEqualTo(EscalationConfig.defaults());
    assertThat(cfg.ops().maintenance()).isEqualTo(MaintenanceConfig.defaults());
  }

  @Test
  void the_examples_in_the_operations_guide_load() throws IOException {
    List<String> blocks = yamlBlocks(Files.readString(Path.of("..", "docs", "operations.md")));
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
    for (String yaml : blocks) {
      load(yaml);
    }
    IngestionConfig escalation = load(blocks.stream().filter(b -> b.contains("escalation:")).findFirst().orElseThrow());
    EscalationConfig e = escalation.ops().escalation();
    assertThat(e.priorityOf("disk_space", Severity.HIGH)).isEqualTo(Priority.P1);
    assertThat(e.escalate()).containsExactlyInAnyOrder(Priority.P1, Priority.P2);
    assertThat(e.levels()).extracting(EscalationConfig.Level::after).containsExactly(Duration.ZERO,
        Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60));
    assertThat(e.levels().get(0).webhook()).isEqualTo(URI.create("https://hooks.example.com/ingestion-oncall"));
    assertThat(e.levels().get(3).email()).isEqualTo("director@example.com");
    MaintenanceConfig m = load(blocks.stream().filter(b -> b.startsWith("maintenance:")).findFirst().orElseThrow())
        .ops().maintenance();
    assertThat(m.dailyAt()).isEqualTo(LocalTime.of(2, 30));
    assertThat(m.weeklyOn()).isEqualTo(DayOfWeek.SATURDAY);
    assertThat(m.weekly()).contains(MaintenanceJob.REINDEX);
    assertThat(m.tempStaleAfter()).isEqualTo(Duration.ofHours(24));
  }

  private static List<String> yamlBlocks(String doc) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "alerts:\\n  priorities:\\n    critical: P0|alerts.priorities.critical: expected a priority P1, P2, P3 or P4",
      "alerts:\\n  rule_priorities:\\n    disk_space: urgent|alerts.rule_priorities.disk_space: expected a priority",
      "alerts:\\n  escalation:\\n    levels:\\n      - after: 5m|alerts.escalation.levels[0].name",
      "alerts:\\n  escalation:\\n    levels:\\n      - name: x\\n        webhook: ftp://x|alerts.escalation.levels[0].webhook: expected an http",
      "alerts:\\n  escalation:\\n    levels:\\n      - name: x\\n        email: nobody|alerts.escalation.levels[0].email: expected an e-mail address",
      "alerts:\\n  escalation:\\n    levels:\\n      - name: x\\n        after: -5m|alerts.escalation.levels[0].after",
      "alerts:\\n  escalation:\\n    priorities: [P9]|alerts.escalation.priorities: expected a priority",
      "maintenance:\\n  daily: [defrag]|maintenance.daily: unknown job 'defrag'",
      "maintenance:\\n  daily: [vacuum]|maintenance.weekly: vacuum is already in daily",
      "maintenance:\\n  daily_at: 3am|maintenance.daily_at: expected a UTC time of day",
      "maintenance:\\n  weekly_on: someday|maintenance.weekly_on: expected a day of the week",
      "maintenance:\\n  temp_stale_after: 0s|maintenance.temp_stale_after: must be more than zero",
      "maintenance:\\n  vacum: 1|maintenance.vacum: unknown setting"})
  void errors_name_the_field(String yaml, String expected) {
    assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
