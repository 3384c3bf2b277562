package dev.ingestion.sink;

import dev.ingestion.ops.alerts.RuleSet;
import dev.ingestion.ops.alerts.Severity;
import dev.ingestion.store.AlertRepository.Firing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Alerts per sink: more feed rows waiting than its {@code alert_lag}; its target failing for longer than
 * {@link #FAILING_FOR}; at least {@code alert_rejected} chunks refused by the target in the last day.
 * Each clears by itself once the condition is gone.
 */
public final class SinkAlertRule implements RuleSet {
  public static final String LAG = "sink_lag";
  public static final String FAILING = "sink_failing";
  public static final String REJECTED = "sink_rejected";
  static final Duration FAILING_FOR = Duration.ofMinutes(5);
  private static final Duration REJECTION_WINDOW = Duration.ofDays(1);

  private final SinkService sinks;
  private final Clock clock;

  public SinkAlertRule(SinkService sinks, Clock clock) {
    this.sinks = sinks;
    this.clock = clock;
  }

  @Override
  public List<Firing> evaluate(Instant now) {
    List<Firing> out = new ArrayList<>();
    for (SinkStatus s : sinks.statuses()) {
      String name = s.config().name();
      if (s.lag() > s.config().alertLag()) {
        out.add(new Firing(LAG, name, Severity.MEDIUM.dbValue(), String.format(Locale.ROOT,
            "sink '%s' is %d feed changes behind (alert_lag %d); see GET /sinks", name, s.lag(), s.config().alertLag()),
            (double) s.lag(), (double) s.config().alertLag()));
      }
      if (s.failing() && (s.state().lastSuccessAt() == null
          || s.state().lastSuccessAt().isBefore(now.minus(FAILING_FOR)))) {
        out.add(new Firing(FAILING, name, Severity.HIGH.dbValue(), "sink '" + name + "' cannot write its target: "
            + s.state().lastError(), null, null));
      }
      long refused = sinks.states().rejectedSince(name, clock.instant().minus(REJECTION_WINDOW));
      if (refused >= s.config().alertRejected()) {
        out.add(new Firing(REJECTED, name, Severity.MEDIUM.dbValue(), String.format(Locale.ROOT,
            "sink '%s': the target refused %d chunks in the last day; see GET /sinks/%s/rejections", name, refused,
            name), (double) refused, (double) s.config().alertRejected()));
      }
    }
    return out;
  }
}
