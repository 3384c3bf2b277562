package dev.ingestion.ops.health;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Health of a component or of the whole system, best first. */
public enum HealthStatus {
  HEALTHY,
  DEGRADED,
  UNHEALTHY;

  @JsonValue
  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public HealthStatus worst(HealthStatus other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
