package dev.ingestion.server;

import dev.ingestion.security.IpRange;
import dev.ingestion.security.Security;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson;
import io.javalin.security.Roles;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on virtual threads, JSON everywhere, one error mapping, access control and an
 * audit trail on every endpoint, an access log, optional TLS, and GET /openapi.json generated from the
 * registered routes.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger ACCESS = LoggerFactory.getLogger("access");
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** Request bodies above this size are refused with 413. */
  public static final long MAX_BODY = 1_000_000L;

  /**
   * Where to listen, whether to speak TLS, and the proxies (addresses or CIDR ranges) whose
   * {@code X-Forwarded-For} names the client (see {@link ClientAddress}).
   */
  public record Options(String bind, int port, TlsConfig tls, List<IpRange> trustedProxies) {
    public Options {
      trustedProxies = List.copyOf(trustedProxies);
    }

    public Options(String bind, int port, TlsConfig tls) {
      this(bind, port, tls, List.of());
    }

    public static Options plain(String bind, int port) {
      return new Options(bind, port, TlsConfig.NONE);
    }
  }

  private final Options options;
  private final List<Routes> routes;
  private final ApiMetrics metrics;
  private final Security security;
  private final Clock clock;
  private final List<EndpointSpec> specs = new ArrayList<>();
  private Javalin app;

  public ApiServer(Options options, List<Routes> routes, ApiMetrics metrics, Security security, Clock clock) {
    this.options = options;
    this.routes = List.copyOf(routes);
    this.metrics = metrics;
    this.security = security;
    this.clock = clock;
  }

  public ApiServer start() {
    metrics.security().onSuspicious(r -> security.events().suspicious(r.client(), r.method(), r.target(), r.status()));
    app = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.jsonMapper(new JavalinJackson(Json.mapper(), true));
      cfg.http.maxRequestSize = MAX_BODY;
      cfg.http.prefer405over404 = true;
      cfg.startup.showJavalinBanner = false;
      ClientAddress clients = new ClientAddress(options.trustedProxies());
      cfg.contextResolver.ip = clients::of;
      ConsoleAssets.register(cfg);
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
      cfg.requestLogger.http((ctx, ms) -> {
        ACCESS.info("{} {} {} {} {}ms client={} user={}", ctx.method(), Params.clip(Redaction.path(ctx.path())),
            ctx.queryString() == null ? "-" : Params.clip(Redaction.query(ctx.queryString())), ctx.status().getCode(),
            Math.round(ms),
            ctx.ip(), Callers.principal(ctx).map(p -> p.username()).orElse("-"));
        metrics.record(ctx, ms);
      });
      tls(cfg);
      ErrorMapper.register(cfg.routes);
      RouteTable table = new RouteTable(cfg.routes);
      routes.forEach(r -> r.register(table));
      table.tag("meta").get("/openapi.json", "This document: every endpoint, its parameters, bodies and roles",
          ctx -> ctx.json(OpenApi.document(specs, version())));
      table.install();
      specs.addAll(table.specs());
      AccessControl access = new AccessControl(security, table.keylessPaths(), options.tls().enabled());
      cfg.routes.before(access::before);
      cfg.routes.beforeMatched(access::beforeMatched);
      cfg.routes.afterMatched(new Audit(security.audit(), clock)::after);
    }).start(options.bind(), options.port());
    LOG.info("API listening on {}://{}:{}", options.tls().enabled() ? "https" : "http", options.bind(), app.port());
    return this;
  }

  private void tls(JavalinConfig cfg) {
    if (!options.tls().enabled()) {
      return;
    }
    var ssl = Tls.context(options.tls());
    cfg.jetty.addConnector((server, http) -> {
      ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
          new HttpConnectionFactory(http));
      connector.setHost(options.bind());
      connector.setPort(options.port());
      return connector;
    });
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

  /** The endpoints Javalin actually routes to a handler, as "METHOD path" (not the 405 answers). */
  public List<String> registeredRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .filter(e -> !(e.endpoint.handler instanceof RouteTable.MethodNotAllowed))
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
  }

  /** Every route Javalin knows with the role it was registered with, as "METHOD path" to role (none: absent). */
  public Map<String, RequiredRole> routeRoles() {
    Map<String, RequiredRole> out = new LinkedHashMap<>();
    app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod()).forEach(e -> {
      Roles roles = e.endpoint.metadata(Roles.class);
      RequiredRole r = roles == null ? null : roles.getRoles().stream().filter(RequiredRole.class::isInstance)
          .map(RequiredRole.class::cast).findFirst().orElse(null);
      out.putIfAbsent(e.endpoint.method.name() + " " + e.endpoint.path, r);
    });
    return out;
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
  }
}
