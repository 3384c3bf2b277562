package dev.ingestion.config;

import dev.ingestion.testkit.tags.FastTest;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@FastTest
class UnitsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"30, PT30S", "30s, PT30S", "500ms, PT0.5S", "10m, PT10M", "2h, PT2H", "7d, PT168H", "' 15 M ', PT15M"})
  void the_configuration_file_reads_a_bare_number_as_seconds(String text, Duration expected) {
    assertThat(Units.CONFIG.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"2w", "soon", "-1s", "1.5h", "''", "99999999999999999999s", "999999999999999d"})
  void the_configuration_file_refuses_what_is_not_one_of_its_durations(String text) {
    assertThat(Units.CONFIG.parse(text)).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"90s, PT90S", "3600, PT1H", "2w, PT336H", "24h, PT24H"})
  void a_validity_takes_weeks_and_bare_seconds(String text, Duration expected) {
    assertThat(Units.VALIDITY.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"30s", "30", "5x", "1y"})
  void a_period_needs_minutes_or_longer_with_a_unit(String text) {
    assertThat(Units.PERIOD.parse(text)).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"1048576, 1048576", "500KB, 512000", "100MB, 104857600", "2g, 2147483648", "1 tb, 1099511627776"})
  void sizes_are_bytes_or_powers_of_1024(String text, long expected) {
    assertThat(Units.bytes(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"big", "10 XB", "-5MB", "99999999999TB"})
  void what_is_not_a_size_is_minus_one(String text) {
    assertThat(Units.bytes(text)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"PT30S, 30s", "PT10M, 10m", "PT0.5S, 500ms", "PT168H, 7d", "PT90S, 90s"})
  void a_duration_is_written_back_in_its_largest_whole_unit(Duration d, String text) {
    assertThat(Units.format(d)).isEqualTo(text);
    assertThat(Units.CONFIG.parse(text)).isEqualTo(d);
  }
}
