package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.alerts.NotificationConfig;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.ops.outbox.OutboxPolicy;
import dev.ingestion.ops.outbox.SmtpConfig;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** alerts.smtp, alerts.emails, alerts.delivery and alerts.public_url, with secrets from the environment or a file. */
@FastTest
class NotificationConfigTest {
  @TempDir Path dir;

  private IngestionConfig load(String yaml, Map<String, String> env) throws IOException {
    Path file = Files.writeString(dir.resolve("ingestion.yml"), yaml);
    return new ConfigLoader(env).load(file, true);
  }

  @Test
  void smtp_settings_take_the_password_from_a_secret_file_and_the_user_from_the_environment() throws IOException {
    Path secret = Files.writeString(dir.resolve("smtp_password"), "pa55word\n");
    NotificationConfig n = load("""
        alerts:
          emails:
            critical: [oncall@example.com, team@example.com]
            high: oncall@example.com
          smtp:
            host: smtp.example.com
            security: starttls
            user: ${SMTP_USER}
            password: ${file:%s}
            from: "ingestion <alerts@example.com>"
          delivery:
            retry_base: 1m
            retry_max: 1h
            give_up_after: 12h
          public_url: https://ingestion.example.com
        """.formatted(secret), Map.of("SMTP_USER", "ingestion")).ops().notifications();
    assertThat(n.smtp()).isEqualTo(new SmtpConfig("smtp.example.com", 587, SmtpConfig.Security.STARTTLS, "ingestion",
        "pa55word", "ingestion <alerts@example.com>", Duration.ofSeconds(10)));
    assertThat(n.smtp().toString()).doesNotContain("pa55word");
    assertThat(n.emails()).containsEntry(Severity.CRITICAL, List.of("oncall@example.com", "team@example.com"))
        .containsEntry(Severity.HIGH, List.of("oncall@example.com"));
    assertThat(n.policy()).isEqualTo(new OutboxPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(12)));
    assertThat(n.publicUrl()).isEqualTo(URI.create("https://ingestion.example.com"));
  }

  @Test
  void without_notification_settings_the_defaults_apply() throws IOException {
    assertThat(load("alerts:\n  interval: 30s\n", Map.of()).ops().notifications()).isEqualTo(NotificationConfig.defaults());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "alerts:\\n  emails:\\n    high: oncall@example.com|alerts.emails: e-mail addresses are configured but alerts.smtp is not",
      "alerts:\\n  escalation:\\n    levels:\\n      - name: x\\n        email: a@example.com|alerts.escalation: e-mail addresses are configured but alerts.smtp",
      "alerts:\\n  emails:\\n    high: nobody|alerts.emails.high: expected e-mail addresses",
      "alerts:\\n  emails:\\n    urgent: a@example.com|alerts.emails.urgent",
      "alerts:\\n  smtp:\\n    host: h\\n    from: a@example.com\\n    security: ssl|alerts.smtp.security: expected starttls, tls or none",
      "alerts:\\n  smtp:\\n    host: h|alerts.smtp.from",
      "alerts:\\n  smtp:\\n    from: a@example.com|alerts.smtp.host",
      "alerts:\\n  smtp:\\n    host: h\\n    from: a@example.com\\n    password: x|alerts.smtp.password: set alerts.smtp.user too",
      "alerts:\\n  smtp:\\n    host: h\\n    from: a@example.com\\n    port: 0|alerts.smtp.port",
      "alerts:\\n  delivery:\\n    retry_base: 10m\\n    retry_max: 1m|alerts.delivery.retry_max: must not be below retry_base",
      "alerts:\\n  delivery:\\n    give_up_after: 0s|alerts.delivery.give_up_after: must be more than zero",
      "alerts:\\n  public_url: ingestion.example.com|alerts.public_url: expected the http(s) URL"})
  void errors_name_the_field(String yaml, String expected) {
    assertThatThrownBy(() -> load(yaml.replace("\\n", "\n"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
