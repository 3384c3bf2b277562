package dev.ingestion.server;

import dev.ingestion.security.AccessDeniedException;
import dev.ingestion.security.Principal;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityEvents;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what, checked in one place before any endpoint runs. First every request: a blocked client
 * address gets 403 before anything else, and every response gets the security headers. Then, for a
 * matched endpoint: authenticate the Bearer key (401 when missing or bad) and compare the user's role
 * with the role the endpoint's {@link EndpointSpec} declares (403 when too low). Endpoints marked
 * anonymous (the console's static assets under {@value #CONSOLE}, and GET /health's bare status) also
 * answer without a key.
 */
final class AccessControl {
  /** The web console's path prefix: static assets holding no data, served without a key. */
  static final String CONSOLE = "/console";
  static final String PRINCIPAL = "ingestion.principal";
  private static final Logger SECURITY = LoggerFactory.getLogger("security");

  private final Security security;
  private final RouteTable routes;
  private final boolean tls;

  AccessControl(Security security, RouteTable routes, boolean tls) {
    this.security = security;
    this.routes = routes;
    this.tls = tls;
  }

  /** Runs first on every request, matched or not. */
  void before(Context ctx) {
    SecurityHeaders.apply(ctx, isConsole(ctx.path()), tls);
    security.blocklist().blocking(ctx.ip()).ifPresent(block -> {
      SECURITY.info("blocked client {} refused: {} {} (block {}: {})", ctx.ip(), ctx.method(), Params.clip(ctx.path()),
          block.address(), block.reason());
      throw new AccessDeniedException("requests from this address are blocked; contact the operators of this"
          + " service if this is a mistake");
    });
  }

  /** Runs before a matched endpoint: authentication, then the role check. */
  void beforeMatched(Context ctx) {
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    if (endpoint == null) {
      return;
    }
    Optional<EndpointSpec> spec = routes.spec(endpoint.method.name(), endpoint.path);
    boolean anonymous = spec.map(EndpointSpec::isAnonymous).orElse(isConsole(endpoint.path));
    String header = ctx.header("Authorization");
    if (anonymous && header == null) {
      return;
    }
    Principal p = security.authenticator().authenticate(header, ctx.ip());
    ctx.attribute(PRINCIPAL, p);
    if (spec.isPresent() && !p.role().covers(spec.get().role())) {
      deny(ctx, p, spec.get());
    }
  }

  private void deny(Context ctx, Principal p, EndpointSpec spec) {
    String what = spec.method() + " " + spec.path();
    SECURITY.warn("role denied: user {} ({}) from {} may not {}; it needs {}", p.username(), p.role().dbValue(),
        ctx.ip(), what, spec.role().dbValue());
    security.events().record(SecurityEvents.ROLE_DENIED, ctx.ip(), p.username(), what);
    throw new AccessDeniedException("role " + p.role().dbValue() + " may not " + what + "; it needs the "
        + spec.role().dbValue() + " role (ask an admin)");
  }

  /** The authenticated user of this request, if any. */
  static Optional<Principal> principal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  static boolean isConsole(String path) {
    return path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
  }
}
