package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.cli.config.SecurityConfigLoader;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.Operations;
import dev.ingestion.ops.alerts.WebhookNotifier;
import dev.ingestion.ops.health.SystemResourceProbe;
import dev.ingestion.ops.health.WatchedPaths;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.SourceRegistry;
import dev.ingestion.pipeline.Worker;
import dev.ingestion.security.AdminBootstrap;
import dev.ingestion.security.Security;
import dev.ingestion.server.ApiMetrics;
import dev.ingestion.server.ApiServer;
import dev.ingestion.server.OpsApi;
import dev.ingestion.sink.SinkAlertRule;
import dev.ingestion.sink.SinkService;
import dev.ingestion.store.Database;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running parts of a process over one database: the API server, a worker, the operations
 * scheduler, each optional. Closing stops them in order: the API first, then the worker drains.
 */
final class Services implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);
  private static final Duration SECURITY_EVENTS_KEPT = Duration.ofDays(30);

  /** Which parts this process runs. */
  record Parts(boolean api, boolean worker, boolean scheduler) {}

  private final Database db;
  private final SourceRegistry sources;
  private final Worker worker;
  private final Operations ops;
  private final ApiMetrics metrics;
  private final ApiServer server;
  private final SinkService sinks;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Services(Database db, SourceRegistry sources, Worker worker, Operations ops, ApiMetrics metrics,
      ApiServer server, SinkService sinks) {
    this.db = db;
    this.sources = sources;
    this.worker = worker;
    this.ops = ops;
    this.metrics = metrics;
    this.server = server;
    this.sinks = sinks;
  }

  static Services start(IngestionConfig cfg, Parts parts, Clock clock) {
    createLogDir(cfg);
    Wiring.prepareTempDir(cfg);
    Database db = Database.open(cfg.database(), clock);
    try {
      Pipeline pipeline = Wiring.pipeline(cfg, db);
      Worker worker = parts.worker() ? pipeline.newWorker(parts.api() ? "serve" : "worker") : null;
      Operations ops = null;
      ApiMetrics metrics = null;
      ApiServer server = null;
      SinkService sinks = null;
      if (parts.api() || parts.scheduler()) {
        ops = new Operations(new Operations.Parts(db, pipeline, cfg.ops(), cfg.schedules(),
            () -> WatchedPaths.of(cfg.database(), cfg.logDir(), cfg.pipeline().isolation().tempDir(), cfg.sources()), new SystemResourceProbe(),
            new WebhookNotifier(cfg.ops().alerts().webhooks(), HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build()),
            worker == null ? () -> { } : worker::wake));
      }
      Security security = ops == null ? null : security(cfg, db, ops, clock);
      if (worker != null) {
        worker.start();
      }
      if (parts.api()) {
        AdminBootstrap.ensureAdmin(security.users(), adminKeyFile(cfg));
        metrics = new ApiMetrics(clock);
        // sinks follow the feed where the API runs (serve, api): their status is served from the same process
        sinks = new SinkService(cfg.sinks(), db);
        ops.alertRules().add(new SinkAlertRule(sinks, clock));
        server = OpsApi.start(ops, security, sinks, metrics, new ApiServer.Options(cfg.server().bind(),
            cfg.server().port(), cfg.server().tls()));
        sinks.start();
      }
      if (parts.scheduler()) {
        ops.scheduler().start();
      }
      return new Services(db, pipeline.sources(), worker, ops, metrics, server, sinks);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private static Security security(IngestionConfig cfg, Database db, Operations ops, Clock clock) {
    Security security = new Security(db, cfg.security().withAdminKeyFile(adminKeyFile(cfg)), clock);
    ops.alertRules().add(security.alertRules());
    // Security events only feed windows of hours to days; the audit trail is kept.
    ops.scheduler().add("security-events-retention", Duration.ofHours(1),
        () -> security.events().repository().deleteBefore(clock.instant().minus(SECURITY_EVENTS_KEPT)));
    return security;
  }

  static Path adminKeyFile(IngestionConfig cfg) {
    Path configured = cfg.security().adminKeyFile();
    return configured != null ? configured : SecurityConfigLoader.defaultAdminKeyFile(cfg.database());
  }

  private static void createLogDir(IngestionConfig cfg) {
    try {
      Files.createDirectories(cfg.logDir());
    } catch (IOException e) {
      throw new ConfigException("logging.dir: cannot create " + cfg.logDir() + ": " + e.getMessage());
    }
  }

  int port() {
    return server == null ? -1 : server.port();
  }

  /** Stops everything on SIGTERM or Ctrl-C, then returns. */
  void runUntilStopped() {
    Thread hook = Thread.ofPlatform().name("shutdown").unstarted(this::close);
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    }
  }

  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    LOG.info("stopping");
    if (server != null) {
      server.close();
    }
    if (sinks != null) {
      sinks.close();
    }
    if (ops != null) {
      ops.close();
    }
    if (worker != null) {
      worker.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    sources.close();
    db.close();
    LOG.info("stopped");
    stopped.countDown();
  }
}
