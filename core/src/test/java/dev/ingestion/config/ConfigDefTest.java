package dev.ingestion.config;

import dev.ingestion.testkit.tags.FastTest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@FastTest
class ConfigDefTest {
  private final ConfigDef def = new ConfigDef("queue", "A queue.");
  private final ConfigKey<Integer> size = def.integer("size", 10, 1, 100, "how many");
  private final ConfigKey<Duration> wait = def.positiveDuration("wait", Duration.ofSeconds(5), "how long");
  private final ConfigDef nested = def.section("retry", new ConfigDef("queue.retry", "Retries."));

  @Test
  void an_absent_key_reads_as_its_declared_default() {
    ConfigMap empty = ConfigMap.empty("queue");
    assertThat(size.read(empty)).isEqualTo(10);
    assertThat(wait.read(empty)).isEqualTo(Duration.ofSeconds(5));
    assertThat(wait.defaultText()).isEqualTo("5s");
  }

  @Test
  void a_value_is_parsed_and_checked_as_declared() {
    ConfigMap section = new ConfigMap("queue", Map.of("size", "200", "wait", "0s"));
    assertThatThrownBy(() -> size.read(section)).isInstanceOf(ConfigException.class)
        .hasMessage("queue.size: must be between 1 and 100, got 200");
    assertThatThrownBy(() -> wait.read(section)).hasMessage("queue.wait: must be more than zero");
  }

  @Test
  void a_key_or_section_nobody_declared_is_refused_with_the_closest_declared_name() {
    assertThat(def.names()).containsExactlyInAnyOrder("size", "wait", "retry");
    assertThatThrownBy(() -> def.rejectUnknown(new ConfigMap("queue", Map.of("sise", 3))))
        .hasMessage("queue.sise: unknown setting (did you mean 'size'?); allowed here: retry, size, wait");
    assertThat(nested.path()).isEqualTo("queue.retry");
  }

  @Test
  void a_key_declared_twice_is_a_mistake_found_at_start_up() {
    assertThatThrownBy(() -> def.integer("size", 1, 1, 2, "again")).isInstanceOf(IllegalStateException.class);
  }
}
