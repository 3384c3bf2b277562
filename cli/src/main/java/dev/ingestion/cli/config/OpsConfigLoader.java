package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.OpsConfig;
import dev.ingestion.ops.alerts.AlertConfig;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.ops.dlq.DlqConfig;
import dev.ingestion.ops.health.HealthConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the operations sections of ingestion.yml: health, alerts (with escalation and notifications), dlq, retention, metrics. */
final class OpsConfigLoader {
  static final Set<String> SECTIONS = Set.of("health", "alerts", "dlq", "retention", "metrics", "maintenance");
  private static final Set<String> HEALTH = Set.of("disk_warn_percent", "disk_critical_percent", "interval");
  private static final Set<String> ALERTS = Set.of("interval", "error_rate_window", "error_rate_high",
      "error_rate_critical", "min_attempts", "dlq_open_max", "p95_max", "disk_free_percent", "memory_percent",
      "cpu_percent", "stall_after", "webhooks", "priorities", "rule_priorities", "escalation", "emails", "smtp",
      "delivery", "public_url");
  private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low");
  private static final Set<String> RETENTION = Set.of("metrics", "health_checks", "interval");
  private static final Set<String> METRICS = Set.of("sample_interval");

  private OpsConfigLoader() {}

  static OpsConfig load(ConfigMap root) {
    OpsConfig d = OpsConfig.defaults();
    ConfigMap metrics = root.section("metrics");
    metrics.rejectUnknown(METRICS);
    EscalationConfig escalation = EscalationConfigLoader.load(root.section("alerts"));
    return new OpsConfig(health(root.section("health")), alerts(root.section("alerts")), dlq(root.section("dlq")),
        retention(root.section("retention")), positive(metrics, "sample_interval", d.sampleInterval()), d.compactInterval())
        .with(escalation, MaintenanceConfigLoader.load(root.section("maintenance")))
        .with(NotificationConfigLoader.load(root.section("alerts"), escalation));
  }

  private static HealthConfig health(ConfigMap m) {
    m.rejectUnknown(HEALTH);
    HealthConfig d = HealthConfig.defaults();
    double warn = percent(m, "disk_warn_percent", d.diskWarnPercent());
    double critical = percent(m, "disk_critical_percent", d.diskCriticalPercent());
    if (critical > warn) {
      throw new ConfigException(m.field("disk_critical_percent") + ": must not be above disk_warn_percent (" + warn + ")");
    }
    return new HealthConfig(warn, critical, positive(m, "interval", d.interval()));
  }

  private static AlertConfig alerts(ConfigMap m) {
    m.rejectUnknown(ALERTS);
    AlertConfig d = AlertConfig.defaults();
    double high = percent(m, "error_rate_high", d.errorRateHigh() * 100) / 100;
    double critical = percent(m, "error_rate_critical", d.errorRateCritical() * 100) / 100;
    if (critical < high) {
      throw new ConfigException(m.field("error_rate_critical") + ": must not be below error_rate_high");
    }
    return new AlertConfig(positive(m, "interval", d.interval()), positive(m, "error_rate_window",
        d.errorRateWindow()), high, critical, m.integer("min_attempts", d.minAttempts(), 1, 1_000_000),
        m.integer("dlq_open_max", (int) d.dlqOpenMax(), 0, Integer.MAX_VALUE), positive(m, "p95_max", d.p95Max()),
        percent(m, "disk_free_percent", d.diskFreePercent()), percent(m, "memory_percent", d.memoryPercent()),
        percent(m, "cpu_percent", d.cpuPercent()), positive(m, "stall_after", d.stallAfter()),
        webhooks(m.section("webhooks")));
  }

  private static Map<Severity, URI> webhooks(ConfigMap m) {
    m.rejectUnknown(SEVERITIES);
    Map<Severity, URI> out = new EnumMap<>(Severity.class);
    for (String s : SEVERITIES) {
      String url = m.string(s, null);
      if (url == null) {
        continue;
      }
      try {
        URI uri = new URI(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          throw new URISyntaxException(url, "not http or https");
        }
        out.put(Severity.fromDb(s), uri);
      } catch (URISyntaxException e) {
        throw new ConfigException(m.field(s) + ": expected an http:// or https:// URL, got '" + url + "'");
      }
    }
    return out;
  }

  private static DlqConfig dlq(ConfigMap m) {
    m.rejectUnknown(Set.of("sla"));
    ConfigMap sla = m.section("sla");
    sla.rejectUnknown(SEVERITIES);
    Map<String, Duration> out = new LinkedHashMap<>(DlqConfig.defaults().sla());
    for (String p : SEVERITIES) {
      out.put(p, positive(sla, p, out.get(p)));
    }
    return new DlqConfig(out);
  }

  private static OpsConfig.RetentionConfig retention(ConfigMap m) {
    m.rejectUnknown(RETENTION);
    OpsConfig.RetentionConfig d = OpsConfig.RetentionConfig.defaults();
    return new OpsConfig.RetentionConfig(positive(m, "metrics", d.metrics()),
        positive(m, "health_checks", d.healthChecks()), positive(m, "interval", d.interval()));
  }

  private static Duration positive(ConfigMap m, String key, Duration fallback) {
    Duration d = m.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(m.field(key) + ": must be more than zero");
    }
    return d;
  }

  /** A percentage 0-100, written 5 or 5%. */
  static double percent(ConfigMap m, String key, double fallback) {
    String raw = m.string(key, null);
    if (raw == null) {
      return fallback;
    }
    String s = raw.trim().toLowerCase(Locale.ROOT);
    if (s.endsWith("%")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    try {
      double v = Double.parseDouble(s);
      if (v < 0 || v > 100 || Double.isNaN(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new ConfigException(m.field(key) + ": expected a percentage between 0 and 100 such as 5 or 5%, got '" + raw + "'");
    }
  }
}
