package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigMap;
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
  static final Set<String> KEYS = Set.of("priorities", "rule_priorities", "escalation");
  private static final Set<String> SEVERITIES = Set.of("critical", "high", "medium", "low");

  private EscalationConfigLoader() {}

  static EscalationConfig load(ConfigMap alerts) {
    EscalationConfig d = EscalationConfig.defaults();
    ConfigMap sev = alerts.section("priorities");
    sev.rejectUnknown(SEVERITIES);
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
    esc.rejectUnknown(Set.of("priorities", "levels"));
    Set<Priority> escalate = EnumSet.noneOf(Priority.class);
    for (String p : esc.strings("priorities", List.of("P1"))) {
      escalate.add(parse(esc, "priorities", p));
    }
    List<EscalationConfig.Level> levels = esc.has("levels") ? levels(esc) : d.levels();
    return new EscalationConfig(priorities, byRule, escalate, levels);
  }

  private static List<EscalationConfig.Level> levels(ConfigMap esc) {
    List<EscalationConfig.Level> out = new ArrayList<>();
    for (ConfigMap level : esc.sections("levels")) {
      level.rejectUnknown(Set.of("name", "after", "webhook", "email"));
      Duration after = level.duration("after", Duration.ZERO);
      if (after.isNegative()) {
        throw new ConfigException(level.field("after") + ": must not be negative");
      }
      String email = level.string("email", null);
      if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
        throw new ConfigException(level.field("email") + ": expected an e-mail address such as oncall@example.com, got '"
            + email + "'");
      }
      out.add(new EscalationConfig.Level(level.requiredString("name"), after, webhook(level), email));
    }
    return out;
  }

  private static URI webhook(ConfigMap level) {
    String raw = level.string("webhook", null);
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
