package dev.ingestion.source.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.testkit.tags.FastTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@FastTest
class JdbcSourceConfigTest {
  private static Map<String, Object> base() {
    return Map.of("name", "hr", "type", "jdbc", "url", "jdbc:postgresql://db:5432/hr?password=hunter2",
        "password", "hunter2", "query", "SELECT * FROM employees", "id_column", "id", "template", "{name}");
  }

  @Test
  void the_password_never_appears_in_the_config_or_the_location() {
    JdbcSourceConfig c = JdbcSourceConfig.from(new ConfigMap("sources[0]", base()));
    assertThat(c.toString()).doesNotContain("hunter2");
    assertThat(new JdbcSource("hr", c, java.time.Clock.systemUTC()).location()).doesNotContain("hunter2");
  }

  @Test
  void a_column_name_that_is_not_a_plain_identifier_is_refused_naming_the_field() {
    Map<String, Object> bad = new java.util.HashMap<>(base());
    bad.put("id_column", "id; DROP TABLE x");
    assertThatThrownBy(() -> JdbcSourceConfig.from(new ConfigMap("sources[0]", bad)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sources[0].id_column");
  }
}
