package dev.ingestion.ops.alerts;

import java.util.Locale;
import org.slf4j.event.Level;

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

  /**
   * How loudly an alert of this severity is logged when it opens, worsens, escalates or cannot be
   * delivered: ERROR for critical and high (error.log, and what {@code grep ERROR application.log}
   * finds), WARN otherwise (application.log only).
   */
  public Level logLevel() {
    return this == CRITICAL || this == HIGH ? Level.ERROR : Level.WARN;
  }

  /** True when this severity is more urgent than {@code other}. */
  public boolean above(Severity other) {
    return ordinal() < other.ordinal();
  }
}
