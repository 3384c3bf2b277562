package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.NotificationConfig;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.ops.outbox.OutboxPolicy;
import dev.ingestion.ops.outbox.SmtpConfig;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads alerts.emails, alerts.smtp, alerts.delivery and alerts.public_url. */
final class NotificationConfigLoader {
  static final Set<String> KEYS = Set.of("emails", "smtp", "delivery", "public_url");
  private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low");
  private static final Set<String> SMTP = Set.of("host", "port", "security", "user", "password", "from", "timeout");
  private static final Set<String> DELIVERY = Set.of("retry_base", "retry_max", "give_up_after");
  private static final String ADDRESS = "[^@\\s,<>]+@[^@\\s,<>]+";

  private NotificationConfigLoader() {}

  static NotificationConfig load(ConfigMap alerts, EscalationConfig escalation) {
    NotificationConfig d = NotificationConfig.defaults();
    Map<Severity, List<String>> emails = emails(alerts.section("emails"));
    SmtpConfig smtp = alerts.has("smtp") ? smtp(alerts.section("smtp")) : null;
    if (smtp == null) {
      requireNoAddress(alerts, emails, escalation);
    }
    return new NotificationConfig(emails, smtp, policy(alerts.section("delivery")), publicUrl(alerts, d.publicUrl()));
  }

  private static Map<Severity, List<String>> emails(ConfigMap m) {
    m.rejectUnknown(SEVERITIES);
    Map<Severity, List<String>> out = new EnumMap<>(Severity.class);
    for (String s : SEVERITIES) {
      if (!m.has(s)) {
        continue;
      }
      List<String> to = m.strings(s, List.of());
      for (String address : to) {
        if (!address.trim().matches(ADDRESS)) {
          throw new ConfigException(m.field(s) + ": expected e-mail addresses such as oncall@example.com, got '"
              + address + "'");
        }
      }
      out.put(Severity.fromDb(s), to.stream().map(String::trim).toList());
    }
    return out;
  }

  private static SmtpConfig smtp(ConfigMap m) {
    m.rejectUnknown(SMTP);
    String raw = m.string("security", "starttls");
    SmtpConfig.Security security;
    try {
      security = SmtpConfig.Security.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.field("security") + ": expected starttls, tls or none, got '" + raw + "'");
    }
    int port = m.integer("port", security == SmtpConfig.Security.TLS ? 465 : security == SmtpConfig.Security.NONE
        ? 25 : 587, 1, 65535);
    String user = m.string("user", null);
    String password = m.string("password", null);
    if (user == null && password != null) {
      throw new ConfigException(m.field("password") + ": set alerts.smtp.user too (or remove the password)");
    }
    String from = m.requiredString("from");
    if (!from.matches("(.*<)?" + ADDRESS + ">?")) {
      throw new ConfigException(m.field("from") + ": expected an address such as alerts@example.com or"
          + " \"ingestion <alerts@example.com>\", got '" + from + "'");
    }
    Duration timeout = m.duration("timeout", Duration.ofSeconds(10));
    if (timeout.isZero() || timeout.isNegative()) {
      throw new ConfigException(m.field("timeout") + ": must be more than zero");
    }
    return new SmtpConfig(m.requiredString("host"), port, security, user, password, from, timeout);
  }

  private static OutboxPolicy policy(ConfigMap m) {
    m.rejectUnknown(DELIVERY);
    OutboxPolicy d = OutboxPolicy.defaults();
    Duration base = positive(m, "retry_base", d.retryBase());
    Duration max = positive(m, "retry_max", d.retryMax());
    if (max.compareTo(base) < 0) {
      throw new ConfigException(m.field("retry_max") + ": must not be below retry_base");
    }
    return new OutboxPolicy(base, max, positive(m, "give_up_after", d.giveUpAfter()));
  }

  private static URI publicUrl(ConfigMap alerts, URI fallback) {
    String raw = alerts.string("public_url", null);
    if (raw == null) {
      return fallback;
    }
    try {
      URI uri = URI.create(raw.trim());
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(alerts.field("public_url") + ": expected the http(s) URL people reach the API at,"
          + " such as https://ingestion.example.com, got '" + raw + "'");
    }
  }

  /** An e-mail address with no server to send through would only be recorded: refuse it. */
  private static void requireNoAddress(ConfigMap alerts, Map<Severity, List<String>> emails, EscalationConfig e) {
    boolean levels = e.levels().stream().anyMatch(l -> l.email() != null);
    if (!emails.isEmpty() || levels) {
      throw new ConfigException(alerts.field(emails.isEmpty() ? "escalation" : "emails") + ": e-mail addresses are"
          + " configured but alerts.smtp is not: add alerts.smtp (host, port, security, user, password, from) so the"
          + " mail can be sent, or remove the addresses");
    }
  }

  private static Duration positive(ConfigMap m, String key, Duration fallback) {
    Duration d = m.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(m.field(key) + ": must be more than zero");
    }
    return d;
  }
}
