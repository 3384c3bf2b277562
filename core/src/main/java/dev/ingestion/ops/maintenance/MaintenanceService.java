package dev.ingestion.ops.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.MaintenanceRunRepository.Run;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the maintenance jobs when they are due (the operations scheduler calls {@link #runDue} every
 * minute), records every run with its outcome, and hands failures and recoveries to {@link
 * MaintenanceAlerts}. A job never run before is first due at its next slot after this service started.
 */
public final class MaintenanceService {
  private static final Logger LOG = LoggerFactory.getLogger(MaintenanceService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MaintenanceConfig config;
  private final MaintenanceTasks tasks;
  private final MaintenanceRunRepository runs;
  private final MaintenanceAlerts alerts;
  private final Clock clock;
  private final Instant since;

  public MaintenanceService(MaintenanceConfig config, MaintenanceTasks tasks, MaintenanceRunRepository runs,
      MaintenanceAlerts alerts, Clock clock) {
    this.config = config;
    this.tasks = tasks;
    this.runs = runs;
    this.alerts = alerts;
    this.clock = clock;
    this.since = clock.instant();
  }

  /** A scheduled job: when it last ran and when it is due next. */
  public record JobStatus(String job, String schedule, Instant lastStartedAt, Instant nextRunAt) {}

  /** Runs every job whose slot has come; returns the runs made. */
  public synchronized List<Run> runDue() {
    List<Run> made = new ArrayList<>();
    for (MaintenanceJob job : scheduled()) {
      Instant next = config.nextRun(job, runs.lastStart(job.id()).orElse(since));
      if (!clock.instant().isBefore(next)) {
        made.add(run(job, config.scheduleOf(job)));
      }
    }
    return made;
  }

  /** Runs one job now (an operator's request) and records it as a manual run. */
  public synchronized Run runNow(String jobId) {
    MaintenanceJob job = MaintenanceJob.of(jobId);
    if (job == null) {
      throw new InvalidInputException("no maintenance job '" + jobId + "'; jobs: " + ids());
    }
    return run(job, "manual");
  }

  private Run run(MaintenanceJob job, String schedule) {
    Instant started = now();
    Run run;
    try {
      Map<String, Object> details = tasks.run(job);
      run = new Run(0, job.id(), schedule, started, now(), "succeeded", json(details), null);
      LOG.info("maintenance {} ({}) succeeded: {}", job.id(), schedule, run.details());
    } catch (RuntimeException e) {
      run = new Run(0, job.id(), schedule, started, now(), "failed", "{}", e.toString());
      LOG.warn("maintenance {} ({}) failed: {}", job.id(), schedule, e.toString());
    }
    long id = runs.record(run);
    Run recorded = new Run(id, run.job(), run.schedule(), run.startedAt(), run.finishedAt(), run.outcome(),
        run.details(), run.error());
    alerts.after(recorded);
    return recorded;
  }

  /** Milliseconds: what both databases store, so a returned run equals its record. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  public List<Run> runs(String jobId, int limit) {
    if (jobId != null && MaintenanceJob.of(jobId) == null) {
      throw new InvalidInputException("no maintenance job '" + jobId + "'; jobs: " + ids());
    }
    return runs.list(jobId, limit);
  }

  /** The scheduled jobs with their last and next runs. */
  public List<JobStatus> jobs() {
    List<JobStatus> out = new ArrayList<>();
    for (MaintenanceJob job : scheduled()) {
      Instant last = runs.lastStart(job.id()).orElse(null);
      out.add(new JobStatus(job.id(), config.scheduleOf(job), last, config.nextRun(job, last != null ? last : since)));
    }
    return out;
  }

  private List<MaintenanceJob> scheduled() {
    List<MaintenanceJob> all = new ArrayList<>(config.daily());
    all.addAll(config.weekly());
    return all;
  }

  private static String ids() {
    return String.join(", ", java.util.Arrays.stream(MaintenanceJob.values()).map(MaintenanceJob::id).toList());
  }

  private static String json(Map<String, Object> details) {
    try {
      return JSON.writeValueAsString(new LinkedHashMap<>(details));
    } catch (JsonProcessingException e) {
      return "{}";
    }
  }
}
