package dev.ingestion.server;

import dev.ingestion.security.Role;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.HttpResponseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Registers endpoints with Javalin and keeps their specs: the OpenAPI document is generated from this
 * table, and every request is checked against its endpoint's declared query parameters first.
 *
 * <p>Endpoints are declared first and handed to Javalin by {@link #install}, each with its
 * {@link RequiredRole} as the Javalin route role, so the role is settled where the route is declared. A
 * GET is also registered for HEAD (same handler and role; the server sends no body), and every other
 * method on a declared path is registered as a 405 that needs the strictest role declared on that path:
 * whatever the method, a request to a declared path meets a route role before anything answers it.
 */
public final class RouteTable {
  /** The request attribute holding the matched endpoint's path template (for metrics). */
  public static final String ROUTE = "ingestion.route";
  /** Methods answered 405 on a declared path that does not declare them. */
  static final List<HandlerType> OTHER_METHODS = List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
      HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS, HandlerType.TRACE);

  private final RoutesConfig javalin;
  private final List<Declared> declared = new ArrayList<>();
  private String tag = "ops";
  private boolean installed;

  private record Declared(EndpointSpec spec, Handler handler) {}

  public RouteTable(RoutesConfig javalin) {
    this.javalin = javalin;
  }

  /** Tags the endpoints registered next (their OpenAPI group). */
  public RouteTable tag(String name) {
    this.tag = name;
    return this;
  }

  public EndpointSpec get(String path, String summary, Handler handler) {
    return declare(new EndpointSpec("GET", path, summary, tag), handler);
  }

  public EndpointSpec post(String path, String summary, Handler handler) {
    return declare(new EndpointSpec("POST", path, summary, tag), handler);
  }

  private EndpointSpec declare(EndpointSpec spec, Handler handler) {
    if (installed) {
      throw new IllegalStateException("routes are already installed; declare " + spec.path() + " before install()");
    }
    declared.add(new Declared(spec, handler));
    return spec;
  }

  /**
   * Hands every declared endpoint to Javalin with its route role, and the 405 answers for the methods no
   * endpoint of a path declares. Javalin takes the first route that matches, so the 405s of fixed paths go
   * first ({@code GET /dlq/retry} is the operator path's 405, not {@code GET /dlq/{id}} with id "retry"),
   * the 405s of templated paths last (they never hide a declared endpoint).
   */
  void install() {
    installed = true;
    Map<String, Set<String>> methods = new LinkedHashMap<>();
    Map<String, Role> strictest = new LinkedHashMap<>();
    for (Declared d : declared) {
      methods.computeIfAbsent(d.spec().path(), p -> new HashSet<>()).add(d.spec().method());
      strictest.merge(d.spec().path(), d.spec().role(), (a, b) -> a.covers(b) ? a : b);
    }
    methods.forEach((path, declaredMethods) -> {
      if (!path.contains("{")) {
        refuseOtherMethods(path, declaredMethods, strictest.get(path));
      }
    });
    for (Declared d : declared) {
      EndpointSpec s = d.spec();
      RequiredRole role = new RequiredRole(s.role(), s.isAnonymous());
      Handler h = wrap(s, d.handler());
      javalin.addHttpHandler(HandlerType.findOrCreate(s.method()), s.path(), h, role);
      if (s.method().equals("GET")) {
        javalin.addHttpHandler(HandlerType.HEAD, s.path(), h, role);
      }
    }
    methods.forEach((path, declaredMethods) -> {
      if (path.contains("{")) {
        refuseOtherMethods(path, declaredMethods, strictest.get(path));
      }
    });
  }

  private void refuseOtherMethods(String path, Set<String> declaredMethods, Role strictest) {
    RequiredRole role = new RequiredRole(strictest, false);
    for (HandlerType m : OTHER_METHODS) {
      boolean covered = declaredMethods.contains(m.name()) || (m == HandlerType.HEAD && declaredMethods.contains("GET"));
      if (!covered) {
        javalin.addHttpHandler(m, path, new MethodNotAllowed(declaredMethods), role);
      }
    }
  }

  /** The paths whose GET answers without a key (declared with {@link EndpointSpec#anonymous}). */
  Set<String> keylessPaths() {
    return declared.stream().map(Declared::spec).filter(s -> s.isAnonymous() && s.method().equals("GET"))
        .map(EndpointSpec::path).collect(Collectors.toSet());
  }

  public List<EndpointSpec> specs() {
    return declared.stream().map(Declared::spec).toList();
  }

  /** Answers 405 for a method the path does not declare, naming the ones it does. */
  record MethodNotAllowed(Set<String> allowed) implements Handler {
    @Override
    public void handle(Context ctx) {
      ctx.header("Allow", String.join(", ", allowed.stream().sorted().toList()));
      throw new HttpResponseException(HttpStatus.METHOD_NOT_ALLOWED.getCode(), "method not allowed", Map.of());
    }
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
