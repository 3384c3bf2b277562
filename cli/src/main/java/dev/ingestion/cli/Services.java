package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.cli.config.SecurityConfigLoader;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.Operations;
import dev.ingestion.ops.alerts.AlertNotifier;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-running parts of a process over one database: the API server, a worker, the operations
 * scheduler, each optional. Starting binds the API port before anything else runs (a port in use ends
 * the command with one line, nothing to undo). Closing stops them in order: the API, the scheduler, the
 * worker (stop claiming, drain within the shutdown grace, hand back), the parser children, the sources,
 * the database pool.
 */
final class Services implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Services.class);
  private static final Duration SECURITY_EVENTS_KEPT = Duration.ofDays(30);

  /** A part a process may run: {@code serve} runs all three, {@code api} the API (and the scheduler), {@code worker} a worker. */
  enum Part { API, WORKER, SCHEDULER }

  private final Database db;
  private final SourceRegistry sources;
  private final Worker worker;
  private final Pipeline.Extraction extraction;
  private final Duration grace;
  private final Operations ops;
  private final ApiMetrics metrics;
  private final ApiServer server;
  private final SinkService sinks;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Services(Database db, Pipeline pipeline, Worker worker, Pipeline.Extraction extraction, Operations ops,
      ApiMetrics metrics, ApiServer server, SinkService sinks) {
    this.db = db;
    this.sources = pipeline.sources();
    this.worker = worker;
    this.extraction = extraction;
    this.grace = pipeline.config().drainTimeout();
    this.ops = ops;
    this.metrics = metrics;
    this.server = server;
    this.sinks = sinks;
  }

  static Services start(IngestionConfig cfg, Set<Part> parts, Clock clock) {
    boolean api = parts.contains(Part.API);
    createLogDir(cfg);
    Wiring.prepareTempDir(cfg);
    Database db = Database.open(cfg.database(), clock);
    try {
      // Parser children start with the first document to parse: an API-only process starts none.
      Pipeline.Extraction extraction = Wiring.extraction(cfg);
      Pipeline pipeline = new Pipeline(db, cfg.pipeline(), cfg.sources(), extraction);
      Worker worker = parts.contains(Part.WORKER) ? pipeline.newWorker(api ? "serve" : "worker") : null;
      Operations ops = null;
      ApiMetrics metrics = null;
      ApiServer server = null;
      SinkService sinks = null;
      if (api || parts.contains(Part.SCHEDULER)) {
        ops = new Operations(new Operations.Parts(db, pipeline, cfg.ops(), cfg.schedules(),
            () -> WatchedPaths.of(cfg.database(), cfg.logDir(), cfg.pipeline().isolation().tempDir(), cfg.sources()), new SystemResourceProbe(),
            AlertNotifier.NONE,
            worker == null ? () -> { } : worker::wake));
      }
      Security security = ops == null ? null : security(cfg, db, ops, clock);
      if (api) {
        AdminBootstrap.ensureAdmin(security.users(), adminKeyFile(cfg));
        metrics = new ApiMetrics(clock);
        // sinks follow the feed where the API runs (serve, api): their status is served from the same process
        sinks = new SinkService(cfg.sinks(), db);
        ops.alertRules().add(new SinkAlertRule(sinks, clock));
        server = listen(cfg, ops, security, sinks, metrics);
        sinks.start();
      }
      if (worker != null) {
        worker.start();
      }
      if (parts.contains(Part.SCHEDULER)) {
        ops.scheduler().start();
      }
      return new Services(db, pipeline, worker, extraction, ops, metrics, server, sinks);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** Binds the API port; a port in use is the operator's to fix, said in one line. */
  private static ApiServer listen(IngestionConfig cfg, Operations ops, Security security, SinkService sinks,
      ApiMetrics metrics) {
    try {
      return OpsApi.start(ops, security, sinks, metrics, new ApiServer.Options(cfg.server().bind(), cfg.server().port(),
          cfg.server().tls(), cfg.server().trustedProxies()));
    } catch (RuntimeException e) {
      metrics.close();
      if (isBindFailure(e)) {
        throw new dev.ingestion.model.IngestionException("cannot listen on " + cfg.server().bind() + ":" + cfg.server().port()
            + ": the address is in use or not available (another ingestion serve/api?); choose another with --port"
            + " or server.port");
      }
      throw e;
    }
  }

  private static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.BindException || t.getClass().getSimpleName().equals("JavalinBindException")) {
        return true;
      }
    }
    return false;
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

  /** Runs until SIGTERM or Ctrl-C, then stops everything in order and returns. */
  void runUntilStopped() {
    ProcessStop stop = ProcessStop.install(grace);
    stop.run(() -> {
      try {
        stop.awaitRequested();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      close();
      return 0;
    });
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
      worker.close(IngestCommand.drainWithin(grace));
    }
    Wiring.close(extraction);
    if (metrics != null) {
      metrics.close();
    }
    sources.close();
    db.close();
    LOG.info("stopped");
    stopped.countDown();
  }
}
