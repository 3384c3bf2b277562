package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
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
import java.util.List;
import java.util.Map;

/** Reads the operations sections of ingestion.yml: health, alerts (with escalation and notifications), dlq, retention, metrics. */
final class OpsConfigLoader {
  private static final HealthConfig HEALTH_DEFAULTS = HealthConfig.defaults();
  private static final AlertConfig ALERT_DEFAULTS = AlertConfig.defaults();
  private static final OpsConfig.RetentionConfig RETENTION_DEFAULTS = OpsConfig.RetentionConfig.defaults();
  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");

  private static final ConfigDef HEALTH = new ConfigDef("health", "Health checks (`ingestion serve` / `api`).");
  private static final ConfigKey<Double> DISK_WARN = HEALTH.percent("disk_warn_percent",
      HEALTH_DEFAULTS.diskWarnPercent(), "free disk space below this is degraded");
  private static final ConfigKey<Double> DISK_CRITICAL = HEALTH.percent("disk_critical_percent",
      HEALTH_DEFAULTS.diskCriticalPercent(), "... and below this unhealthy");
  private static final ConfigKey<Duration> HEALTH_INTERVAL = HEALTH.positiveDuration("interval",
      HEALTH_DEFAULTS.interval(), "how often a health check is recorded in health_checks");

  static final ConfigDef ALERTS = new ConfigDef("alerts", "Alert rules, their thresholds, and who is told.");
  private static final ConfigKey<Duration> ALERT_INTERVAL = ALERTS.positiveDuration("interval",
      ALERT_DEFAULTS.interval(), "how often the rules are evaluated");
  private static final ConfigKey<Duration> ERROR_RATE_WINDOW = ALERTS.positiveDuration("error_rate_window",
      ALERT_DEFAULTS.errorRateWindow(), "the error rate is measured over this window");
  private static final ConfigKey<Double> ERROR_RATE_HIGH = ALERTS.percent("error_rate_high",
      ALERT_DEFAULTS.errorRateHigh() * 100, "error rate above this: high");
  private static final ConfigKey<Double> ERROR_RATE_CRITICAL = ALERTS.percent("error_rate_critical",
      ALERT_DEFAULTS.errorRateCritical() * 100, "error rate above this: critical");
  private static final ConfigKey<Integer> MIN_ATTEMPTS = ALERTS.integer("min_attempts", ALERT_DEFAULTS.minAttempts(),
      1, 1_000_000, "fewer attempts in the window never raise an error-rate alert");
  private static final ConfigKey<Integer> DLQ_OPEN_MAX = ALERTS.integer("dlq_open_max",
      (int) ALERT_DEFAULTS.dlqOpenMax(), 0, Integer.MAX_VALUE, "open dead-letter items above this: medium");
  private static final ConfigKey<Duration> P95_MAX = ALERTS.positiveDuration("p95_max", ALERT_DEFAULTS.p95Max(),
      "p95 processing time above this: high");
  private static final ConfigKey<Double> DISK_FREE = ALERTS.percent("disk_free_percent",
      ALERT_DEFAULTS.diskFreePercent(), "free disk below this: high (below half of it: critical)");
  private static final ConfigKey<Double> MEMORY = ALERTS.percent("memory_percent", ALERT_DEFAULTS.memoryPercent(),
      "heap use above this: medium");
  private static final ConfigKey<Double> CPU = ALERTS.percent("cpu_percent", ALERT_DEFAULTS.cpuPercent(),
      "machine CPU above this: medium");
  private static final ConfigKey<Duration> STALL_AFTER = ALERTS.positiveDuration("stall_after",
      ALERT_DEFAULTS.stallAfter(), "work due this long with nothing finishing: high");
  private static final ConfigDef WEBHOOKS = ALERTS.section("webhooks", ConfigDef.alike("alerts.webhooks",
      "Per severity, a URL that gets a JSON POST when an alert opens, escalates or resolves.", SEVERITIES,
      "http(s) URL"));

  private static final ConfigDef DLQ = new ConfigDef("dlq", "Dead-letter queue service levels.");
  private static final ConfigDef SLA = DLQ.section("sla", new ConfigDef("dlq.sla",
      "How long an open item of each priority may wait."));

  static {
    for (String p : SEVERITIES) {
      SLA.positiveDuration(p, DlqConfig.defaults().sla().get(p), "");
    }
  }

  private static final ConfigDef RETENTION = new ConfigDef("retention", "How long operational history is kept.");
  private static final ConfigKey<Duration> KEEP_METRICS = RETENTION.positiveDuration("metrics",
      RETENTION_DEFAULTS.metrics(), "metric samples kept");
  private static final ConfigKey<Duration> KEEP_HEALTH = RETENTION.positiveDuration("health_checks",
      RETENTION_DEFAULTS.healthChecks(), "health check history kept");
  private static final ConfigKey<Duration> RETENTION_INTERVAL = RETENTION.positiveDuration("interval",
      RETENTION_DEFAULTS.interval(), "how often old rows are deleted");

  private static final ConfigDef METRICS = new ConfigDef("metrics", "Metric samples.");
  private static final ConfigKey<Duration> SAMPLE_INTERVAL = METRICS.positiveDuration("sample_interval",
      OpsConfig.defaults().sampleInterval(), "how often a metrics sample is written to the metrics table");

  static {
    ALERTS.include(EscalationConfigLoader.DEF);
    ALERTS.include(NotificationConfigLoader.DEF);
  }

  private OpsConfigLoader() {}

  /** Declares the operations sections in the file's top level. */
  static void declare(ConfigDef root) {
    root.section("health", HEALTH);
    root.section("alerts", ALERTS);
    root.section("dlq", DLQ);
    root.section("maintenance", MaintenanceConfigLoader.DEF);
    root.section("retention", RETENTION);
    root.section("metrics", METRICS);
  }

  static OpsConfig load(ConfigMap root) {
    OpsConfig d = OpsConfig.defaults();
    ConfigMap metrics = root.section("metrics");
    METRICS.rejectUnknown(metrics);
    EscalationConfig escalation = EscalationConfigLoader.load(root.section("alerts"));
    return new OpsConfig(health(root.section("health")), alerts(root.section("alerts")), dlq(root.section("dlq")),
        retention(root.section("retention")), SAMPLE_INTERVAL.read(metrics), d.compactInterval())
        .with(escalation, MaintenanceConfigLoader.load(root.section("maintenance")))
        .with(NotificationConfigLoader.load(root.section("alerts"), escalation));
  }

  private static HealthConfig health(ConfigMap m) {
    HEALTH.rejectUnknown(m);
    double warn = DISK_WARN.read(m);
    double critical = DISK_CRITICAL.read(m);
    if (critical > warn) {
      throw new ConfigException(m.field("disk_critical_percent") + ": must not be above disk_warn_percent (" + warn + ")");
    }
    return new HealthConfig(warn, critical, HEALTH_INTERVAL.read(m));
  }

  private static AlertConfig alerts(ConfigMap m) {
    ALERTS.rejectUnknown(m);
    double high = ERROR_RATE_HIGH.read(m) / 100;
    double critical = ERROR_RATE_CRITICAL.read(m) / 100;
    if (critical < high) {
      throw new ConfigException(m.field("error_rate_critical") + ": must not be below error_rate_high");
    }
    return new AlertConfig(ALERT_INTERVAL.read(m), ERROR_RATE_WINDOW.read(m), high, critical, MIN_ATTEMPTS.read(m),
        DLQ_OPEN_MAX.read(m), P95_MAX.read(m), DISK_FREE.read(m), MEMORY.read(m), CPU.read(m), STALL_AFTER.read(m),
        webhooks(m.section("webhooks")));
  }

  private static Map<Severity, URI> webhooks(ConfigMap m) {
    WEBHOOKS.rejectUnknown(m);
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
    DLQ.rejectUnknown(m);
    ConfigMap sla = m.section("sla");
    SLA.rejectUnknown(sla);
    Map<String, Duration> out = new LinkedHashMap<>();
    for (ConfigKey<?> key : SLA.keys()) {
      out.put(key.name(), (Duration) key.read(sla));
    }
    return new DlqConfig(out);
  }

  private static OpsConfig.RetentionConfig retention(ConfigMap m) {
    RETENTION.rejectUnknown(m);
    return new OpsConfig.RetentionConfig(KEEP_METRICS.read(m), KEEP_HEALTH.read(m), RETENTION_INTERVAL.read(m));
  }
}
