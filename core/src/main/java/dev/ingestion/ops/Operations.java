package dev.ingestion.ops;

import dev.ingestion.ops.alerts.AlertEscalator;
import dev.ingestion.ops.alerts.AlertEvaluator;
import dev.ingestion.ops.alerts.AlertNotifier;
import dev.ingestion.ops.alerts.AlertRules;
import dev.ingestion.ops.alerts.AlertNotifications;
import dev.ingestion.ops.alerts.AlertService;
import dev.ingestion.ops.alerts.NotificationConfig;
import dev.ingestion.ops.alerts.NotificationRule;
import dev.ingestion.ops.dlq.DeadLetterService;
import dev.ingestion.ops.dlq.DlqAging;
import dev.ingestion.ops.health.HealthService;
import dev.ingestion.ops.health.ResourceProbe;
import dev.ingestion.ops.health.WatchedPath;
import dev.ingestion.ops.maintenance.MaintenanceAlerts;
import dev.ingestion.ops.maintenance.MaintenanceService;
import dev.ingestion.ops.maintenance.MaintenanceTasks;
import dev.ingestion.ops.metrics.GrowthService;
import dev.ingestion.ops.metrics.MetricSampler;
import dev.ingestion.ops.metrics.StatsService;
import dev.ingestion.ops.outbox.Channel;
import dev.ingestion.ops.outbox.MailChannel;
import dev.ingestion.ops.outbox.OutboxDelivery;
import dev.ingestion.ops.outbox.WebhookChannel;
import dev.ingestion.ops.alerts.ReconciliationRule;
import dev.ingestion.ops.reports.CapacityReport;
import dev.ingestion.ops.reports.DatabaseReport;
import dev.ingestion.ops.reports.ReconciliationReport;
import dev.ingestion.store.ReconciliationRepository;
import dev.ingestion.ops.reports.PerformanceReport;
import dev.ingestion.ops.sources.Schedule;
import dev.ingestion.ops.sources.SourceCheckService;
import dev.ingestion.ops.sources.SourceSyncService;
import dev.ingestion.ops.versions.VersionCleanupService;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.store.AlertRepository;
import dev.ingestion.store.AttemptQueries;
import dev.ingestion.store.Database;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.DeadLetterRepository;
import dev.ingestion.store.DatabaseUpkeep;
import dev.ingestion.store.DocumentQueries;
import dev.ingestion.store.EscalationRepository;
import dev.ingestion.store.MaintenanceRepository;
import dev.ingestion.store.MaintenanceRunRepository;
import dev.ingestion.store.MetricSampleRepository;
import dev.ingestion.store.OutboxRepository;
import dev.ingestion.store.SourcePauses;
import dev.ingestion.store.SourceStatusRepository;
import dev.ingestion.store.StatsRepository;
import dev.ingestion.store.VersionRepository;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operations services of one process, wired over its database and pipeline. The HTTP API reads
 * them; {@link #scheduler()} runs their periodic work.
 */
public final class Operations implements AutoCloseable {
  /** How often the outbox is checked for notifications due (first tries and retries). */
  private static final Duration NOTIFICATION_POLL = Duration.ofSeconds(10);

  /**
   * What the operations side needs from the process that hosts it. {@code notifier} hears of every alert
   * event besides the configured webhooks and e-mail, which go through the outbox.
   */
  public record Parts(Database db, Pipeline pipeline, OpsConfig config, Map<String, Schedule> schedules,
      Supplier<List<WatchedPath>> paths, ResourceProbe probe, AlertNotifier notifier, Runnable onQueued) {}

  private final Parts parts;
  private final Clock clock;
  private final StatsRepository statsRepository;
  private final StatsService stats;
  private final GrowthService growth;
  private final HealthService health;
  private final DeadLetterService deadLetters;
  private final DlqAging aging;
  private final DocumentQueries documents;
  private final AttemptQueries attempts;
  private final AlertRules rules;
  private final AlertEvaluator evaluator;
  private final AlertService alerts;
  private final AlertEscalator escalator;
  private final EscalationRepository escalations;
  private final OutboxRepository outbox;
  private final AlertNotifications notifications;
  private final AlertNotifier notifier;
  private final MaintenanceService maintenance;
  private final MetricSampler sampler;
  private final PerformanceReport performance;
  private final CapacityReport capacity;
  private final ReconciliationReport reconciliation;
  private final DatabaseReport databaseReport;
  private final VersionCleanupService versions;
  private final SourceSyncService sync;
  private final SourceCheckService checks;
  private final CacheRegistry caches = new CacheRegistry();
  private final OpsScheduler scheduler = new OpsScheduler();

  public Operations(Parts p) {
    this.parts = p;
    Database db = p.db();
    this.clock = db.clock();
    this.statsRepository = new StatsRepository(db);
    DeadLetterQueries dlq = new DeadLetterQueries(db);
    this.documents = new DocumentQueries(db);
    this.attempts = new AttemptQueries(db);
    this.stats = new StatsService(statsRepository, attempts, dlq, clock);
    this.growth = new GrowthService(statsRepository, clock);
    this.health = new HealthService(db, p.config().health(), p.paths(), p.probe(), clock,
        p.pipeline()::parsingUnavailable);
    this.deadLetters = new DeadLetterService(dlq, new DeadLetterRepository(db), p.config().dlq(),
        p.pipeline().config().maxAttempts(), p.onQueued(), clock);
    this.aging = new DlqAging(dlq, p.config().dlq(), clock);
    this.rules = new AlertRules(p.config().alerts(), new AlertRules.Signals(stats.activityCounter(), attempts, dlq,
        aging, p.pipeline().queue(), p.probe(), p.paths(), new SourcePauses(db)::paused));
    this.reconciliation = new ReconciliationReport(new ReconciliationRepository(db), clock);
    rules.add(new ReconciliationRule(reconciliation));
    AlertRepository alertRepository = new AlertRepository(db);
    this.escalations = new EscalationRepository(db);
    this.outbox = new OutboxRepository(db);
    rules.add(new NotificationRule(outbox));
    this.notifications = notifications(p, alertRepository);
    this.notifier = both(notifications, p.notifier());
    this.evaluator = new AlertEvaluator(rules, alertRepository, statsRepository, notifier, clock,
        p.config().escalation());
    this.alerts = new AlertService(alertRepository, evaluator, clock);
    this.escalator = new AlertEscalator(p.config().escalation(), alertRepository, escalations, notifications, clock,
        evaluator::outage);
    this.sampler = new MetricSampler(statsRepository, dlq, new MetricSampleRepository(db), p.probe(), p.paths(), clock);
    this.performance = new PerformanceReport(stats, documents, clock);
    this.capacity = new CapacityReport(statsRepository, growth, stats.activityCounter(), new MetricSampleRepository(db),
        p.paths(), clock);
    this.databaseReport = new DatabaseReport(db, new MaintenanceRunRepository(db), clock);
    this.versions = new VersionCleanupService(new VersionRepository(db), clock);
    this.sync = new SourceSyncService(p.pipeline(), p.schedules(), new SourceStatusRepository(db), new SourcePauses(db),
        p.onQueued(), clock);
    this.checks = new SourceCheckService(() -> p.pipeline().sources().configured(), Duration.ofSeconds(10), clock);
    this.maintenance = maintenance(p, alertRepository);
    schedule();
  }

  private AlertNotifications notifications(Parts p, AlertRepository alertRepository) {
    NotificationConfig n = p.config().notifications();
    List<Channel> channels = new ArrayList<>();
    channels.add(new WebhookChannel(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
        Duration.ofSeconds(10)));
    if (n.smtp() != null) {
      channels.add(new MailChannel(n.smtp(), clock));
    }
    OutboxDelivery delivery = new OutboxDelivery(outbox, alertRepository, escalations, channels, n.policy(), clock);
    return new AlertNotifications(outbox, delivery, p.config().alerts(), n, p.config().escalation(), clock);
  }

  private static AlertNotifier both(AlertNotifier a, AlertNotifier b) {
    return b == AlertNotifier.NONE ? a : (event, alert) -> {
      a.notify(event, alert);
      b.notify(event, alert);
    };
  }

  private MaintenanceService maintenance(Parts p, AlertRepository alertRepository) {
    MaintenanceTasks tasks = new MaintenanceTasks(new MaintenanceTasks.Targets(new DatabaseUpkeep(p.db()),
        new MaintenanceRepository(p.db()), deadLetters, versions, p.config().retention(),
        p.pipeline().config().isolation().tempDir()), p.config().maintenance(), clock);
    return new MaintenanceService(p.config().maintenance(), tasks, new MaintenanceRunRepository(p.db()),
        new MaintenanceAlerts(alertRepository, notifier, p.config().escalation()), clock);
  }

  private void schedule() {
    OpsConfig c = parts.config();
    MaintenanceRepository upkeep = new MaintenanceRepository(parts.db());
    scheduler.add("compact-counters", c.compactInterval(), this::compactCounters)
        .add("sample-metrics", c.sampleInterval(), sampler::sample)
        .add("evaluate-alerts", c.alerts().interval(), () -> {
          evaluator.evaluate();
          escalator.escalate();
          notifications.deliverDue();
        })
        .add("deliver-notifications", NOTIFICATION_POLL, notifications::deliverDue)
        .add("maintenance", Duration.ofMinutes(1), maintenance::runDue)
        .add("record-health", c.health().interval(), health::recordScheduled)
        .add("retention", c.retention().interval(), () -> upkeep.retention(
            clock.instant().minus(c.retention().metrics()), clock.instant().minus(c.retention().healthChecks())))
        .add("source-schedules", Duration.ofSeconds(10), sync::runDue);
  }

  /** Folds every pending counter delta into the totals. */
  public long compactCounters() {
    long total = 0;
    int n;
    do {
      n = statsRepository.compact(50_000);
      total += n;
    } while (n == 50_000);
    return total;
  }

  public Database database() {
    return parts.db();
  }

  public Pipeline pipeline() {
    return parts.pipeline();
  }

  public OpsConfig config() {
    return parts.config();
  }

  public Clock clock() {
    return clock;
  }

  public StatsService stats() {
    return stats;
  }

  public GrowthService growth() {
    return growth;
  }

  public HealthService health() {
    return health;
  }

  public DeadLetterService deadLetters() {
    return deadLetters;
  }

  public DlqAging aging() {
    return aging;
  }

  public DocumentQueries documents() {
    return documents;
  }

  public AttemptQueries attempts() {
    return attempts;
  }

  /** The alert rules; further rule sets (security) are added here. */
  public AlertRules alertRules() {
    return rules;
  }

  public AlertEvaluator alertEvaluator() {
    return evaluator;
  }

  public AlertService alerts() {
    return alerts;
  }

  public AlertEscalator escalator() {
    return escalator;
  }

  public EscalationRepository escalations() {
    return escalations;
  }

  /** The alert notification outbox (messages, their delivery state, counts). */
  public OutboxRepository outbox() {
    return outbox;
  }

  /** Alert notices: written to the outbox, delivered by {@link AlertNotifications#deliverDue()}. */
  public AlertNotifications notifications() {
    return notifications;
  }

  public MaintenanceService maintenance() {
    return maintenance;
  }

  public MetricSampler sampler() {
    return sampler;
  }

  public PerformanceReport performance() {
    return performance;
  }

  public CapacityReport capacity() {
    return capacity;
  }

  public ReconciliationReport reconciliation() {
    return reconciliation;
  }

  /** Slow statements, connections, locks, sizes and pages of the database. */
  public DatabaseReport databaseReport() {
    return databaseReport;
  }

  public VersionCleanupService versions() {
    return versions;
  }

  public SourceSyncService sync() {
    return sync;
  }

  public SourceCheckService checks() {
    return checks;
  }

  public CacheRegistry caches() {
    return caches;
  }

  public OpsScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    scheduler.close();
    sync.close();
    checks.close();
  }
}
