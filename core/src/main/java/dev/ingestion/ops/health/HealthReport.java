package dev.ingestion.ops.health;

import java.time.Instant;
import java.util.Map;

/** Overall health: the worst of the checks, and each check. */
public record HealthReport(HealthStatus status, Instant checkedAt, Map<String, ComponentHealth> checks) {}
