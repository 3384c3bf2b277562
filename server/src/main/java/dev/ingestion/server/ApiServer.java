package dev.ingestion.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: Javalin on virtual threads, JSON everywhere, one error mapping, an access log. */
public final class ApiServer implements AutoCloseable {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final String bind;
  private final int port;
  private final List<Routes> routes;
  private Javalin app;

  public ApiServer(String bind, int port, List<Routes> routes) {
    this.bind = bind;
    this.port = port;
    this.routes = List.copyOf(routes);
  }

  public ApiServer start() {
    app = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
      cfg.http.maxRequestSize = 1_000_000L;
      cfg.startup.showJavalinBanner = false;
      cfg.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {} {}ms client={}", ctx.method(), Params.clip(ctx.path()),
          ctx.queryString() == null ? "-" : Params.clip(ctx.queryString()), ctx.status().getCode(), Math.round(ms), ctx.ip()));
      ErrorMapper.register(cfg.routes);
      routes.forEach(r -> r.register(cfg.routes));
    }).start(bind, port);
    LOG.info("API listening on http://{}:{}", bind, app.port());
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
