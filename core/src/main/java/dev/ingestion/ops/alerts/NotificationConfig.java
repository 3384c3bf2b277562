package dev.ingestion.ops.alerts;

import dev.ingestion.ops.outbox.OutboxPolicy;
import dev.ingestion.ops.outbox.SmtpConfig;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where alert e-mail goes and how notifications are delivered. {@code emails} lists the addresses told
 * of every alert event of a severity (webhooks per severity are in {@link AlertConfig}); {@code smtp} is
 * null when no SMTP server is configured; {@code publicUrl} is where people reach the API and console,
 * for the links in a message.
 */
public record NotificationConfig(Map<Severity, List<String>> emails, SmtpConfig smtp, OutboxPolicy policy,
    URI publicUrl) {

  public NotificationConfig {
    Map<Severity, List<String>> copy = new EnumMap<>(Severity.class);
    emails.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    emails = Map.copyOf(copy);
    String url = publicUrl.toString();
    publicUrl = url.endsWith("/") ? URI.create(url.substring(0, url.length() - 1)) : publicUrl;
  }

  public static NotificationConfig defaults() {
    return new NotificationConfig(Map.of(), null, OutboxPolicy.defaults(), URI.create("http://127.0.0.1:8080"));
  }
}
