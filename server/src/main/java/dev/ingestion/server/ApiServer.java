package dev.ingestion.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on virtual threads, JSON everywhere, one error mapping, an access log, and
 * GET /openapi.json generated from the registered routes.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final String bind;
  private final int port;
  private final List<Routes> routes;
  private final ApiMetrics metrics;
  private final List<EndpointSpec> specs = new ArrayList<>();
  private Javalin app;

  public ApiServer(String bind, int port, List<Routes> routes, ApiMetrics metrics) {
    this.bind = bind;
    this.port = port;
    this.routes = List.copyOf(routes);
    this.metrics = metrics;
  }

  public ApiServer start() {
    app = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
      cfg.http.maxRequestSize = 1_000_000L;
      cfg.http.prefer405over404 = true;
      cfg.startup.showJavalinBanner = false;
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      cfg.requestLogger.http((ctx, ms) -> {
        ACCESS.info("{} {} {} {} {}ms client={}", ctx.method(), Params.clip(ctx.path()),
            ctx.queryString() == null ? "-" : Params.clip(ctx.queryString()), ctx.status().getCode(), Math.round(ms),
            ctx.ip());
        metrics.record(ctx, ms);
      });
      ErrorMapper.register(cfg.routes);
      RouteTable table = new RouteTable(cfg.routes);
      routes.forEach(r -> r.register(table));
      table.tag("meta").get("/openapi.json", "This document: every endpoint, its parameters and bodies",
          ctx -> ctx.json(OpenApi.document(specs, version())));
      specs.addAll(table.specs());
    }).start(bind, port);
    LOG.info("API listening on http://{}:{}", bind, app.port());
    return this;
  }

  static String version() {
    String v = ApiServer.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  public int port() {
    return app.port();
  }

  /** The endpoints declared in the route table. */
  public List<EndpointSpec> specs() {
    return List.copyOf(specs);
  }

  /** The endpoints Javalin actually routes, as "METHOD path". */
  public List<String> registeredRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
