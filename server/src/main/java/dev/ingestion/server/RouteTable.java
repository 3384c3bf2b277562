package dev.ingestion.server;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers endpoints with Javalin and keeps their specs: the OpenAPI document is generated from this
 * table, and every request is checked against its endpoint's declared query parameters first.
 */
public final class RouteTable {
  /** The request attribute holding the matched endpoint's path template (for metrics). */
  public static final String ROUTE = "ingestion.route";

  private final RoutesConfig javalin;
  private final List<EndpointSpec> specs = new ArrayList<>();
  private final Map<String, EndpointSpec> byRoute = new ConcurrentHashMap<>();
  private String tag = "ops";

  public RouteTable(RoutesConfig javalin) {
    this.javalin = javalin;
  }

  /** Tags the endpoints registered next (their OpenAPI group). */
  public RouteTable tag(String name) {
    this.tag = name;
    return this;
  }

  public EndpointSpec get(String path, String summary, Handler handler) {
    EndpointSpec spec = new EndpointSpec("GET", path, summary, tag);
    javalin.get(path, wrap(spec, handler));
    add(spec);
    return spec;
  }

  public EndpointSpec post(String path, String summary, Handler handler) {
    EndpointSpec spec = new EndpointSpec("POST", path, summary, tag);
    javalin.post(path, wrap(spec, handler));
    add(spec);
    return spec;
  }

  private void add(EndpointSpec spec) {
    specs.add(spec);
    byRoute.put(spec.method() + " " + spec.path(), spec);
  }

  /** The spec registered for {@code method} on the path template {@code path}, if any. */
  public Optional<EndpointSpec> spec(String method, String path) {
    return Optional.ofNullable(byRoute.get(method + " " + path));
  }

  public List<EndpointSpec> specs() {
    return List.copyOf(specs);
  }

  private static Handler wrap(EndpointSpec spec, Handler handler) {
    return ctx -> {
      ctx.attribute(ROUTE, spec.path());
      rejectUnknownQuery(ctx, spec);
      handler.handle(ctx);
    };
  }

  private static void rejectUnknownQuery(Context ctx, EndpointSpec spec) {
    Set<String> allowed = spec.query().stream().map(EndpointSpec.Param::name).collect(Collectors.toSet());
    for (String name : ctx.queryParamMap().keySet()) {
      if (!allowed.contains(name)) {
        throw new BadRequestException("unknown_parameter", "unknown query parameter '" + Params.clip(name) + "' for "
            + spec.method() + " " + spec.path() + (allowed.isEmpty() ? "; it takes none" : "; allowed: "
            + String.join(", ", allowed.stream().sorted().toList())));
      }
    }
  }
}
