package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
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

/** Reads alerts.emails, alerts.smtp, alerts.delivery and alerts.public_url. */
final class NotificationConfigLoader {
  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  private static final String ADDRESS = "[^@\\s,<>]+@[^@\\s,<>]+";
  /** The keys of {@code alerts:} read here. */
  static final ConfigDef DEF = new ConfigDef("alerts", "");
  private static final ConfigDef EMAILS = DEF.section("emails", ConfigDef.alike("alerts.emails",
      "Per severity, addresses e-mailed when an alert opens, escalates or resolves (needs smtp).", SEVERITIES,
      "list of addresses"));

  private static final ConfigDef SMTP = DEF.section("smtp", new ConfigDef("alerts.smtp",
      "The server alert e-mail goes through."));
  private static final ConfigKey<String> HOST = SMTP.required("host", "e.g. smtp.example.com");
  private static final ConfigKey<Integer> PORT = SMTP.integer("port", 1, 65535, "587 (starttls), 465 (tls), 25 (none)",
      "the server's port");
  private static final ConfigKey<String> SECURITY = SMTP.string("security", "starttls",
      "starttls, tls (implicit, port 465) or none");
  private static final ConfigKey<String> USER = SMTP.string("user", null, "login user");
  private static final ConfigKey<String> PASSWORD = SMTP.string("password", null,
      "${SMTP_PASSWORD} or ${file:/run/secrets/smtp_password}");
  private static final ConfigKey<String> FROM = SMTP.required("from", "e.g. \"ingestion <alerts@example.com>\"");
  private static final ConfigKey<Duration> TIMEOUT = SMTP.positiveDuration("timeout", Duration.ofSeconds(10),
      "per connection and command");

  private static final OutboxPolicy OUTBOX = OutboxPolicy.defaults();
  private static final ConfigDef DELIVERY = DEF.section("delivery", new ConfigDef("alerts.delivery",
      "Notices go through an outbox: retried until delivered or given up."));
  private static final ConfigKey<Duration> RETRY_BASE = DELIVERY.positiveDuration("retry_base", OUTBOX.retryBase(),
      "wait after the first failed attempt, doubling...");
  private static final ConfigKey<Duration> RETRY_MAX = DELIVERY.positiveDuration("retry_max", OUTBOX.retryMax(),
      "...up to this");
  private static final ConfigKey<Duration> GIVE_UP_AFTER = DELIVERY.positiveDuration("give_up_after",
      OUTBOX.giveUpAfter(), "a notice still undelivered this long after it was written: failed");

  private static final ConfigKey<String> PUBLIC_URL = DEF.string("public_url",
      NotificationConfig.defaults().publicUrl().toString(), "where people reach the API and console (links in e-mail)");

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
    EMAILS.rejectUnknown(m);
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
    SMTP.rejectUnknown(m);
    String raw = SECURITY.read(m);
    SmtpConfig.Security security;
    try {
      security = SmtpConfig.Security.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.field("security") + ": expected starttls, tls or none, got '" + raw + "'");
    }
    int port = PORT.readOr(m, security == SmtpConfig.Security.TLS ? 465 : security == SmtpConfig.Security.NONE
        ? 25 : 587);
    String user = USER.read(m);
    String password = PASSWORD.read(m);
    if (user == null && password != null) {
      throw new ConfigException(m.field("password") + ": set alerts.smtp.user too (or remove the password)");
    }
    String from = FROM.read(m);
    if (!from.matches("(.*<)?" + ADDRESS + ">?")) {
      throw new ConfigException(m.field("from") + ": expected an address such as alerts@example.com or"
          + " \"ingestion <alerts@example.com>\", got '" + from + "'");
    }
    Duration timeout = TIMEOUT.read(m);
    return new SmtpConfig(HOST.read(m), port, security, user, password, from, timeout);
  }

  private static OutboxPolicy policy(ConfigMap m) {
    DELIVERY.rejectUnknown(m);
    Duration base = RETRY_BASE.read(m);
    Duration max = RETRY_MAX.read(m);
    if (max.compareTo(base) < 0) {
      throw new ConfigException(m.field("retry_max") + ": must not be below retry_base");
    }
    return new OutboxPolicy(base, max, GIVE_UP_AFTER.read(m));
  }

  private static URI publicUrl(ConfigMap alerts, URI fallback) {
    String raw = PUBLIC_URL.readOr(alerts, null);
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

}
