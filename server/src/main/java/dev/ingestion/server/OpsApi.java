package dev.ingestion.server;

import dev.ingestion.ops.Operations;
import dev.ingestion.ops.metrics.ThroughputSeries;
import dev.ingestion.security.Security;
import dev.ingestion.search.SearchService;
import dev.ingestion.server.routes.AdminRoutes;
import dev.ingestion.server.routes.ChunkRoutes;
import dev.ingestion.server.routes.AlertRoutes;
import dev.ingestion.server.routes.ConsoleDataRoutes;
import dev.ingestion.server.routes.DlqRoutes;
import dev.ingestion.server.routes.DocumentRoutes;
import dev.ingestion.server.routes.HealthRoutes;
import dev.ingestion.server.routes.MaintenanceRoutes;
import dev.ingestion.server.routes.IpBlockRoutes;
import dev.ingestion.server.routes.ReportRoutes;
import dev.ingestion.server.routes.SecurityRoutes;
import dev.ingestion.server.routes.SearchRoutes;
import dev.ingestion.server.routes.SinkRoutes;
import dev.ingestion.sink.SinkService;
import dev.ingestion.server.routes.SourceRoutes;
import dev.ingestion.server.routes.StatsRoutes;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.DocumentSearch;
import java.util.List;

/** Every route group of the operations API, over one process's {@link Operations} and {@link Security}. */
public final class OpsApi {
  private OpsApi() {}

  public static List<Routes> routes(Operations ops, Security security, ApiMetrics metrics) {
    return routes(ops, security, new SinkService(List.of(), ops.database()), metrics);
  }

  /** The route groups, with the sinks this process follows the feed into. */
  public static List<Routes> routes(Operations ops, Security security, SinkService sinks, ApiMetrics metrics) {
    PipelineGauges.bind(ops, metrics);
    SinkGauges.bind(sinks, ops.caches(), ops.clock(), metrics);
    return List.of(
        new SinkRoutes(sinks),
        new HealthRoutes(ops.health()),
        new StatsRoutes(ops.stats(), ops.growth(), metrics, security.report()),
        new DocumentRoutes(ops.documents(), ops.attempts(), new DeadLetterQueries(ops.database()), ops.stats(), ops.clock()),
        new DlqRoutes(ops.deadLetters(), ops.aging()),
        new AlertRoutes(ops.alerts(), ops.escalations(), ops.outbox()),
        new MaintenanceRoutes(ops.maintenance()),
        new SourceRoutes(ops.sync(), ops.checks()),
        new AdminRoutes(ops.caches(), ops::compactCounters, ops.versions()),
        new SecurityRoutes(security),
        new IpBlockRoutes(security.blocklist()),
        new ReportRoutes(ops.performance(), ops.capacity(), ops.reconciliation(), ops.databaseReport()),
        new ConsoleDataRoutes(new DocumentSearch(ops.database()),
            new ThroughputSeries(ops.stats().activityCounter(), ops.clock())),
        new ChunkRoutes(new ChangeFeedRepository(ops.database())),
        new SearchRoutes(SearchService.over(ops.database(), ops.pipeline().embedder())));
  }

  /** Starts the API server for {@code ops} (port 0 picks a free port). */
  public static ApiServer start(Operations ops, Security security, ApiMetrics metrics, ApiServer.Options options) {
    return new ApiServer(options, routes(ops, security, metrics), metrics, security, ops.clock()).start();
  }

  /** Starts the API server for {@code ops} with the status of {@code sinks}. */
  public static ApiServer start(Operations ops, Security security, SinkService sinks, ApiMetrics metrics,
      ApiServer.Options options) {
    return new ApiServer(options, routes(ops, security, sinks, metrics), metrics, security, ops.clock()).start();
  }

  /** Starts the API server over plain HTTP on {@code bind}:{@code port}. */
  public static ApiServer start(Operations ops, Security security, ApiMetrics metrics, String bind, int port) {
    return start(ops, security, metrics, ApiServer.Options.plain(bind, port));
  }
}
