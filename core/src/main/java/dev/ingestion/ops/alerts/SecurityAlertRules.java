package dev.ingestion.ops.alerts;

import dev.ingestion.ops.Periods;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.SecurityEventRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Security alerts from the security events table: a burst of failed authentications (HIGH; the message
 * names the worst addresses) and suspicious requests (MEDIUM), each over a sliding window.
 */
public final class SecurityAlertRules implements RuleSet {
  public static final String AUTH_FAILURES = "auth_failures";
  public static final String SUSPICIOUS = "suspicious_requests";

  /** The event kinds counted (as written by the security package). */
  public record Kinds(String authFailed, String suspicious) {}

  /** At or above {@code failedAuths} / {@code suspicious} events within {@code window} an alert fires. */
  public record Thresholds(int failedAuths, int suspicious, Duration window) {}

  private final SecurityEventRepository events;
  private final Kinds kinds;
  private final Thresholds t;

  public SecurityAlertRules(SecurityEventRepository events, Kinds kinds, Thresholds thresholds) {
    this.events = events;
    this.kinds = kinds;
    this.t = thresholds;
  }

  @Override
  public List<Firing> evaluate(Instant now) {
    Instant since = now.minus(t.window());
    List<Firing> out = new ArrayList<>();
    long failed = events.count(kinds.authFailed(), since);
    if (failed >= t.failedAuths()) {
      String top = String.join(", ", events.topClients(kinds.authFailed(), since, 3).stream()
          .map(c -> c.client() + " (" + c.count() + ")").toList());
      out.add(new Firing(AUTH_FAILURES, "api", Severity.HIGH.dbValue(), failed + " failed authentications in the last "
          + Periods.format(t.window()) + " (from " + top + "); threshold " + t.failedAuths()
          + "; see auth.log and GET /metrics/security", (double) failed, (double) t.failedAuths()));
    }
    long suspicious = events.count(kinds.suspicious(), since);
    if (suspicious >= t.suspicious()) {
      out.add(new Firing(SUSPICIOUS, "api", Severity.MEDIUM.dbValue(), suspicious + " suspicious requests in the last "
          + Periods.format(t.window()) + "; threshold " + t.suspicious() + "; see security.log", (double) suspicious,
          (double) t.suspicious()));
    }
    return out;
  }
}
