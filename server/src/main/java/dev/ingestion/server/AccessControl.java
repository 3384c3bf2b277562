package dev.ingestion.server;

import dev.ingestion.security.AccessDeniedException;
import dev.ingestion.security.Principal;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityEvents;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call what, decided before any handler for every request, whatever its method and whether or
 * not it matches a route. It fails closed:
 *
 * <ol>
 *   <li>Every request: a blocked client address gets 403, every response the security headers. Then the
 *       Bearer key is authenticated (401 when missing or bad); only a GET or HEAD to a declared keyless
 *       path (GET /health's bare status, the console's static files under {@value #CONSOLE}) may come
 *       without one. A request that matches no route is therefore refused without a key too.
 *   <li>A matched route: the caller's role is compared with the {@link RequiredRole} the route was
 *       registered with (403 when too low). A route registered without one is refused to everybody,
 *       admins included; only the console's static files have none and need none.
 * </ol>
 */
final class AccessControl {
  /** The web console's path prefix: static assets holding no data, served without a key. */
  static final String CONSOLE = "/console";
  static final String PRINCIPAL = "ingestion.principal";
  private static final Logger SECURITY = LoggerFactory.getLogger("security");

  private final Security security;
  private final Set<String> keylessPaths;
  private final boolean tls;

  /** {@code keylessPaths}: the paths whose GET route is declared keyless (see {@link EndpointSpec#anonymous}). */
  AccessControl(Security security, Set<String> keylessPaths, boolean tls) {
    this.security = security;
    this.keylessPaths = Set.copyOf(keylessPaths);
    this.tls = tls;
  }

  /** Runs first on every request, matched or not: blocklist, then authentication. */
  void before(Context ctx) {
    SecurityHeaders.apply(ctx, isConsole(ctx.path()), tls);
    security.blocklist().blocking(ctx.ip()).ifPresent(block -> {
      SECURITY.info("blocked client {} refused: {} {} (block {}: {})", ctx.ip(), ctx.method(), Params.clip(ctx.path()),
          block.address(), block.reason());
      throw new AccessDeniedException("requests from this address are blocked; contact the operators of this"
          + " service if this is a mistake");
    });
    String header = ctx.header("Authorization");
    if (header == null && mayComeWithoutKey(ctx)) {
      return;
    }
    ctx.attribute(PRINCIPAL, security.authenticator().authenticate(header, ctx.ip()));
  }

  /** Runs before a matched route (or static file): the role the route declares. */
  void beforeMatched(Context ctx) {
    Optional<RequiredRole> required = ctx.routeRoles().stream().filter(RequiredRole.class::isInstance)
        .map(RequiredRole.class::cast).findFirst();
    Optional<Principal> caller = principal(ctx);
    if (required.isEmpty()) {
      if (isConsole(ctx.path()) && ctx.endpoints().matchedHttpEndpoint() == null) {
        return; // a static console file
      }
      throw refuse(ctx, caller, "no access is declared for " + ctx.method() + " " + Params.clip(ctx.path()));
    }
    if (caller.isEmpty()) {
      if (required.get().keyless()) {
        return;
      }
      ctx.attribute(PRINCIPAL, security.authenticator().authenticate(null, ctx.ip()));
      return;
    }
    Principal p = caller.get();
    if (!p.role().covers(required.get().role())) {
      String what = ctx.method() + " " + Params.clip(ctx.path());
      throw refuse(ctx, caller, "role " + p.role().dbValue() + " may not " + what + "; it needs the "
          + required.get().role().dbValue() + " role (ask an admin)");
    }
  }

  private boolean mayComeWithoutKey(Context ctx) {
    String method = ctx.method().name();
    return (method.equals("GET") || method.equals("HEAD"))
        && (isConsole(ctx.path()) || keylessPaths.contains(ctx.path()));
  }

  private AccessDeniedException refuse(Context ctx, Optional<Principal> caller, String message) {
    String user = caller.map(Principal::username).orElse("-");
    SECURITY.warn("role denied: user {} ({}) from {}: {}", user, caller.map(p -> p.role().dbValue()).orElse("-"),
        ctx.ip(), message);
    security.events().record(SecurityEvents.ROLE_DENIED, ctx.ip(), caller.map(Principal::username).orElse(null),
        ctx.method() + " " + Params.clip(ctx.path()));
    return new AccessDeniedException(message);
  }

  /** The authenticated user of this request, if any. */
  static Optional<Principal> principal(Context ctx) {
    return Optional.ofNullable(ctx.attribute(PRINCIPAL));
  }

  static boolean isConsole(String path) {
    return path.equals(CONSOLE) || path.startsWith(CONSOLE + "/");
  }
}
