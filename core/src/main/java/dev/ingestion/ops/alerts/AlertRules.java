package dev.ingestion.ops.alerts;

import dev.ingestion.ops.Periods;
import dev.ingestion.ops.dlq.DlqAging;
import dev.ingestion.ops.health.DiskUsage;
import dev.ingestion.ops.health.ResourceProbe;
import dev.ingestion.ops.health.WatchedPath;
import dev.ingestion.ops.metrics.Activity;
import dev.ingestion.ops.metrics.ActivityCounter;
import dev.ingestion.ops.metrics.Percentiles;
import dev.ingestion.store.AlertRepository.Firing;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.SourcePauses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The alert rules. Each looks at one signal and returns what is firing now; a rule that returns nothing
 * for a key that had an alert clears it. Rule names are the {@code rule} column of alerts.
 */
public final class AlertRules {
  public static final String ERROR_RATE = "error_rate";
  public static final String DLQ_BACKLOG = "dlq_backlog";
  public static final String DLQ_SLA = "dlq_sla";
  public static final String PROCESSING_TIME = "processing_time_p95";
  public static final String DATABASE = "database_unreachable";
  public static final String DISK = "disk_space";
  public static final String MEMORY = "memory";
  public static final String CPU = "cpu";
  public static final String NO_PROGRESS = "no_progress";
  public static final String SOURCE_PAUSED = "source_paused";
  static final List<String> EVALUATED = List.of(ERROR_RATE, DLQ_BACKLOG, DLQ_SLA, PROCESSING_TIME, DISK, MEMORY, CPU,
      NO_PROGRESS, SOURCE_PAUSED, ReconciliationRule.RULE, NotificationRule.RULE);

  /** What the rules read. */
  public record Signals(ActivityCounter activity, AttemptQueries attempts, DeadLetterQueries deadLetters,
      DlqAging aging, JobQueue queue, ResourceProbe probe, Supplier<List<WatchedPath>> paths,
      Supplier<List<SourcePauses.Paused>> pausedSources) {
    /** Signals without source pause state (no source is ever reported paused). */
    public Signals(ActivityCounter activity, AttemptQueries attempts, DeadLetterQueries deadLetters, DlqAging aging,
        JobQueue queue, ResourceProbe probe, Supplier<List<WatchedPath>> paths) {
      this(activity, attempts, deadLetters, aging, queue, probe, paths, List::of);
    }
  }

  private final AlertConfig config;
  private final Signals s;
  private final List<RuleSet> extra = new java.util.concurrent.CopyOnWriteArrayList<>();

  public AlertRules(AlertConfig config, Signals signals) {
    this.config = config;
    this.s = signals;
  }

  public List<Firing> evaluate(Instant now) {
    List<Firing> out = new ArrayList<>();
    Activity window = s.activity().between(now.minus(config.errorRateWindow()), now);
    errorRate(window, out);
    processingTime(now, out);
    deadLetters(out);
    disks(out);
    resources(out);
    noProgress(now, out);
    pausedSources(out);
    extra.forEach(r -> out.addAll(r.evaluate(now)));
    return out;
  }

  /** Adds rules evaluated after the built-in ones. */
  public AlertRules add(RuleSet rules) {
    extra.add(rules);
    return this;
  }

  private void errorRate(Activity a, List<Firing> out) {
    if (a.total() < config.minAttempts()) {
      return;
    }
    double rate = a.errorRate();
    Severity sev = rate > config.errorRateCritical() ? Severity.CRITICAL : rate > config.errorRateHigh() ? Severity.HIGH : null;
    if (sev != null) {
      double threshold = sev == Severity.CRITICAL ? config.errorRateCritical() : config.errorRateHigh();
      out.add(new Firing(ERROR_RATE, "pipeline", sev.dbValue(), String.format(Locale.ROOT,
          "error rate %.1f%% over the last %s (%d of %d attempts failed); threshold %.0f%%", rate * 100,
          Periods.format(config.errorRateWindow()), a.errors(), a.total(), threshold * 100), rate, threshold));
    }
  }

  private void processingTime(Instant now, List<Firing> out) {
    // completed, failed and timed-out attempts alike: a parse that hits its time limit is the slowest of all
    long[] totals = s.attempts().processingTimings(now.minus(config.errorRateWindow()), 10_000).stream()
        .mapToLong(AttemptQueries.Timing::totalMs).toArray();
    Percentiles p = Percentiles.of(totals);
    long max = config.p95Max().toMillis();
    if (p.count() >= 5 && p.p95() > max) {
      out.add(new Firing(PROCESSING_TIME, "pipeline", Severity.HIGH.dbValue(), String.format(Locale.ROOT,
          "p95 processing time %.1f s over the last %s (%d documents); threshold %.0f s", p.p95() / 1000.0,
          Periods.format(config.errorRateWindow()), p.count(), max / 1000.0), (double) p.p95(), (double) max));
    }
  }

  private void deadLetters(List<Firing> out) {
    long open = s.deadLetters().openCount();
    if (open > config.dlqOpenMax()) {
      out.add(new Firing(DLQ_BACKLOG, "open", Severity.MEDIUM.dbValue(), "dead-letter queue has " + open
          + " open items; threshold " + config.dlqOpenMax(), (double) open, (double) config.dlqOpenMax()));
    }
    for (Map.Entry<String, Long> e : s.aging().pastSla().entrySet()) {
      if (e.getValue() > 0) {
        Severity sev = e.getKey().equals("critical") || e.getKey().equals("high") ? Severity.HIGH : Severity.MEDIUM;
        out.add(new Firing(DLQ_SLA, e.getKey(), sev.dbValue(), e.getValue() + " " + e.getKey()
            + "-priority dead-letter item(s) past their SLA", (double) e.getValue(), 0.0));
      }
    }
  }

  private void disks(List<Firing> out) {
    for (WatchedPath w : s.paths().get()) {
      DiskUsage.of(w).ifPresent(u -> {
        if (u.freePercent() < config.diskFreePercent()) {
          Severity sev = u.freePercent() < config.diskFreePercent() / 2 ? Severity.CRITICAL : Severity.HIGH;
          out.add(new Firing(DISK, w.name(), sev.dbValue(), String.format(Locale.ROOT,
              "%s (%s): %.1f%% free (%d MB); threshold %.0f%%", w.name(), w.path(), u.freePercent(),
              u.freeBytes() >> 20, config.diskFreePercent()), u.freePercent(), config.diskFreePercent()));
        }
      });
    }
  }

  private void resources(List<Firing> out) {
    double heap = s.probe().heapUsedPercent();
    if (heap > config.memoryPercent()) {
      out.add(new Firing(MEMORY, "heap", Severity.MEDIUM.dbValue(), String.format(Locale.ROOT,
          "heap %.0f%% used; threshold %.0f%%", heap, config.memoryPercent()), heap, config.memoryPercent()));
    }
    double cpu = s.probe().systemCpuPercent();
    if (cpu > config.cpuPercent()) {
      out.add(new Firing(CPU, "system", Severity.MEDIUM.dbValue(), String.format(Locale.ROOT,
          "CPU %.0f%% busy; threshold %.0f%%", cpu, config.cpuPercent()), cpu, config.cpuPercent()));
    }
  }

  private void pausedSources(List<Firing> out) {
    for (SourcePauses.Paused p : s.pausedSources().get()) {
      out.add(new Firing(SOURCE_PAUSED, p.name(), Severity.CRITICAL.dbValue(), "source '" + p.name() + "' (" + p.type()
          + ") is paused since " + p.since() + " and its documents wait: " + p.reason() + "; fix the credentials,"
          + " check them with `ingestion sources test " + p.name() + "`, then POST /sources/" + p.name() + "/resume", null, null));
    }
  }

  private void noProgress(Instant now, List<Firing> out) {
    Instant stalledBefore = now.minus(config.stallAfter());
    Instant due = s.queue().nextDue().orElse(null);
    if (due == null || !due.isBefore(stalledBefore)) {
      return;
    }
    Instant last = s.attempts().lastFinished().orElse(null);
    if (last == null || last.isBefore(stalledBefore)) {
      out.add(new Firing(NO_PROGRESS, "pipeline", Severity.HIGH.dbValue(), "work has been due since " + due
          + " but no document finished in the last " + Periods.format(config.stallAfter())
          + "; check that workers are running (GET /health)", null, (double) config.stallAfter().toSeconds()));
    }
  }
}
