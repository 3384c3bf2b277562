package dev.ingestion.ops.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Incident priorities and the escalation policy. {@code priorities} maps severities to priorities,
 * {@code rulePriorities} overrides that per rule. Alerts whose priority is in {@code escalate} and that
 * stay active (not acknowledged, not resolved) walk through {@code levels}: each level is taken once,
 * {@code after} the alert first fired, and notifies its webhook and/or e-mail address (through the outbox).
 */
public record EscalationConfig(Map<Severity, Priority> priorities, Map<String, Priority> rulePriorities,
    Set<Priority> escalate, List<Level> levels) {

  /** One step of the policy; {@code webhook} and {@code email} may each be null. */
  public record Level(String name, Duration after, URI webhook, String email) {}

  public EscalationConfig {
    Map<Severity, Priority> all = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      all.put(s, priorities.getOrDefault(s, Priority.of(s)));
    }
    priorities = Map.copyOf(all);
    rulePriorities = Map.copyOf(rulePriorities);
    escalate = Set.copyOf(escalate);
    levels = levels.stream().sorted((a, b) -> a.after().compareTo(b.after())).toList();
  }

  /** The runbook's policy for P1 alerts: on-call at once, then senior engineer, manager, director after 15, 30, 60 min. */
  public static EscalationConfig defaults() {
    return new EscalationConfig(Map.of(), Map.of(), Set.of(Priority.P1), List.of(
        new Level("on-call engineer", Duration.ZERO, null, null),
        new Level("senior engineer", Duration.ofMinutes(15), null, null),
        new Level("manager", Duration.ofMinutes(30), null, null),
        new Level("director", Duration.ofMinutes(60), null, null)));
  }

  /** The priority of an alert of {@code rule} at {@code severity}. */
  public Priority priorityOf(String rule, Severity severity) {
    Priority p = rulePriorities.get(rule);
    return p != null ? p : priorities.get(severity);
  }
}
