package dev.ingestion.server;

import dev.ingestion.security.Role;
import io.javalin.security.RouteRole;

/**
 * The access an endpoint declares when it is registered, attached to the Javalin route as its route role:
 * the least {@link Role} that may call it, and whether a caller without a key is let in too (the handler
 * then sees no principal and must reveal nothing). {@link AccessControl} reads it before any handler runs;
 * a route without one is refused to everybody.
 */
public record RequiredRole(Role role, boolean keyless) implements RouteRole {}
