package dev.ingestion.ops.alerts;

import java.util.Locale;

/** Alert severities, most urgent first (the runbook's critical/high/medium/low). */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** True when this severity is more urgent than {@code other}. */
  public boolean above(Severity other) {
    return ordinal() < other.ordinal();
  }
}
