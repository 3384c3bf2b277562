package dev.ingestion.ops.dlq;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long an open dead-letter item of each priority may wait before it is past its SLA. */
public record DlqConfig(Map<String, Duration> sla) {
  public DlqConfig {
    sla = Map.copyOf(sla);
  }

  public static DlqConfig defaults() {
    Map<String, Duration> sla = new LinkedHashMap<>();
    sla.put("critical", Duration.ofHours(4));
    sla.put("high", Duration.ofHours(24));
    sla.put("medium", Duration.ofHours(72));
    sla.put("low", Duration.ofDays(7));
    return new DlqConfig(sla);
  }

  public Duration slaFor(String priority) {
    return sla.getOrDefault(priority, Duration.ofDays(7));
  }
}
