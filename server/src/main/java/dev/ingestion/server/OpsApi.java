package dev.ingestion.server;

import dev.ingestion.ops.Operations;
import dev.ingestion.search.SearchService;
import dev.ingestion.server.routes.AdminRoutes;
import dev.ingestion.server.routes.ChunkRoutes;
import dev.ingestion.server.routes.AlertRoutes;
import dev.ingestion.server.routes.DlqRoutes;
import dev.ingestion.server.routes.DocumentRoutes;
import dev.ingestion.server.routes.HealthRoutes;
import dev.ingestion.server.routes.ReportRoutes;
import dev.ingestion.server.routes.SearchRoutes;
import dev.ingestion.server.routes.SourceRoutes;
import dev.ingestion.server.routes.StatsRoutes;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.DeadLetterQueries;
import dev.ingestion.store.SearchRepository;
import java.util.List;

/** Every route group of the operations API, over one process's {@link Operations}. */
public final class OpsApi {
  private OpsApi() {}

  public static List<Routes> routes(Operations ops, ApiMetrics metrics) {
    PipelineGauges.bind(ops, metrics);
    return List.of(
        new HealthRoutes(ops.health()),
        new StatsRoutes(ops.stats(), ops.growth(), metrics),
        new DocumentRoutes(ops.documents(), ops.attempts(), new DeadLetterQueries(ops.database()), ops.stats(), ops.clock()),
        new DlqRoutes(ops.deadLetters(), ops.aging()),
        new AlertRoutes(ops.alerts()),
        new SourceRoutes(ops.sync(), ops.checks()),
        new AdminRoutes(ops),
        new ReportRoutes(ops.performance(), ops.capacity()),
        new ChunkRoutes(new ChangeFeedRepository(ops.database())),
        new SearchRoutes(new SearchService(new SearchRepository(ops.database()), ops.pipeline().embedder())));
  }

  /** Starts the API server for {@code ops} on {@code bind}:{@code port} (0 picks a free port). */
  public static ApiServer start(Operations ops, ApiMetrics metrics, String bind, int port) {
    return new ApiServer(bind, port, routes(ops, metrics), metrics).start();
  }
}
