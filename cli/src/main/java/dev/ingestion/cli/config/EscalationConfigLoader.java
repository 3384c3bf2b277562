package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.config.Units;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.alerts.EscalationConfig;
import dev.ingestion.ops.alerts.Priority;
import dev.ingestion.ops.alerts.Severity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads alerts.priorities, alerts.rule_priorities and alerts.escalation. */
final class EscalationConfigLoader {
  private static final List<String> SEVERITIES = List.of("critical", "high", "medium", "low");
  /** The keys of {@code alerts:} read here. */
  static final ConfigDef DEF = new ConfigDef("alerts", "");
  private static final ConfigDef PRIORITIES = DEF.section("priorities", ConfigDef.alike("alerts.priorities",
      "The incident priority of each severity.", SEVERITIES, "P1, P2, P3 or P4",
      s -> Priority.of(Severity.fromDb(s)).name()));
  private static final ConfigDef ESCALATION = new ConfigDef("alerts.escalation",
      "Unacknowledged alerts of these priorities walk through the levels.");
  private static final ConfigKey<List<String>> ESCALATE = ESCALATION.strings("priorities", List.of("P1"),
      "priorities that escalate");
  private static final ConfigDef LEVEL = new ConfigDef("alerts.escalation.levels[]",
      "One level: who is told, and when. The default levels: " + String.join(", ", EscalationConfig.defaults()
          .levels().stream().map(l -> l.name() + " at " + Units.format(l.after())).toList()) + ".");
  private static final ConfigKey<String> LEVEL_NAME = LEVEL.required("name", "who this level is");
  private static final ConfigKey<Duration> AFTER = LEVEL.duration("after", Duration.ZERO,
      "since the alert fired; not negative");
  private static final ConfigKey<String> WEBHOOK = LEVEL.string("webhook", null, "http(s) URL told at this level");
  private static final ConfigKey<String> EMAIL = LEVEL.string("email", null, "address told at this level (needs smtp)");

  static {
    ESCALATION.sections("levels", LEVEL.description(), List.of(LEVEL));
    DEF.other("rule_priorities", "rule: priority", null, "{}", "per-rule overrides, e.g. disk_space: P1",
        (m, k, f) -> f);
    DEF.section("escalation", ESCALATION);
  }

  private EscalationConfigLoader() {}

  static EscalationConfig load(ConfigMap alerts) {
    EscalationConfig d = EscalationConfig.defaults();
    ConfigMap sev = alerts.section("priorities");
    PRIORITIES.rejectUnknown(sev);
    Map<Severity, Priority> priorities = new EnumMap<>(Severity.class);
    for (String s : SEVERITIES) {
      if (sev.has(s)) {
        priorities.put(Severity.fromDb(s), priority(sev, s));
      }
    }
    ConfigMap rules = alerts.section("rule_priorities");
    Map<String, Priority> byRule = new LinkedHashMap<>();
    for (String rule : rules.raw().keySet()) {
      byRule.put(rule, priority(rules, rule));
    }
    ConfigMap esc = alerts.section("escalation");
    ESCALATION.rejectUnknown(esc);
    Set<Priority> escalate = EnumSet.noneOf(Priority.class);
    for (String p : ESCALATE.read(esc)) {
      escalate.add(parse(esc, "priorities", p));
    }
    List<EscalationConfig.Level> levels = esc.has("levels") ? levels(esc) : d.levels();
    return new EscalationConfig(priorities, byRule, escalate, levels);
  }

  private static List<EscalationConfig.Level> levels(ConfigMap esc) {
    List<EscalationConfig.Level> out = new ArrayList<>();
    for (ConfigMap level : esc.sections("levels")) {
      LEVEL.rejectUnknown(level);
      Duration after = AFTER.read(level);
      if (after.isNegative()) {
        throw new ConfigException(level.field("after") + ": must not be negative");
      }
      String email = EMAIL.read(level);
      if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
        throw new ConfigException(level.field("email") + ": expected an e-mail address such as oncall@example.com, got '"
            + email + "'");
      }
      out.add(new EscalationConfig.Level(LEVEL_NAME.read(level), after, webhook(level), email));
    }
    return out;
  }

  private static URI webhook(ConfigMap level) {
    String raw = WEBHOOK.read(level);
    if (raw == null) {
      return null;
    }
    try {
      URI uri = URI.create(raw);
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(level.field("webhook") + ": expected an http:// or https:// URL, got '" + raw + "'");
    }
  }

  private static Priority priority(ConfigMap m, String key) {
    return parse(m, key, m.requiredString(key));
  }

  private static Priority parse(ConfigMap m, String key, String raw) {
    try {
      return Priority.valueOf(raw.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(m.field(key) + ": expected a priority P1, P2, P3 or P4, got '" + raw + "'");
    }
  }
}
