package dev.ingestion.ops.alerts;

/**
 * Incident priorities of the runbook: P1 critical (system down, data loss, security breach), P2 high,
 * P3 medium, P4 low. An alert's priority comes from its severity unless its rule names another.
 */
public enum Priority {
  P1,
  P2,
  P3,
  P4;

  /** The priority a severity maps to by default: critical P1, high P2, medium P3, low P4. */
  public static Priority of(Severity severity) {
    return values()[severity.ordinal()];
  }
}
