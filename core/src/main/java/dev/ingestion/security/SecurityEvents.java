package dev.ingestion.security;

import dev.ingestion.model.IngestionException;
import dev.ingestion.store.SecurityEventRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records security events in the database (for windows in GET /metrics/security and the alert rules) and
 * writes them to security.log. Nothing here ever receives a key.
 */
public final class SecurityEvents {
  public static final String AUTH_FAILED = "auth_failed";
  public static final String THROTTLED = "throttled";
  public static final String ROLE_DENIED = "role_denied";
  public static final String SUSPICIOUS = "suspicious_request";

  /** security.log: disabled users, revoked keys, role denials, throttling, suspicious requests, admin actions. */
  static final Logger SECURITY = LoggerFactory.getLogger("security");
  /** auth.log: every authentication, successful or failed. */
  static final Logger AUTH = LoggerFactory.getLogger("auth");
  private static final Logger LOG = LoggerFactory.getLogger(SecurityEvents.class);

  private final SecurityEventRepository repository;
  private final Clock clock;

  public SecurityEvents(SecurityEventRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public SecurityEventRepository repository() {
    return repository;
  }

  /** Stores an event; a database failure is logged, never passed on to the request it concerns. */
  public void record(String kind, String client, String username, String detail) {
    try {
      repository.add(clock.instant(), kind, client, username, detail);
    } catch (IngestionException e) {
      LOG.warn("cannot record security event {}: {}", kind, e.getMessage());
    }
  }

  /** A request whose path or query looks like an attack: counted and written to security.log. */
  public void suspicious(String client, String method, String target, int status) {
    SECURITY.warn("suspicious request from {}: {} {} -> {}", client, method, target, status);
    record(SUSPICIOUS, client, null, method + " " + target);
  }

  /** An administrative action: who did what to what. */
  public static void adminAction(String actor, String action, String target) {
    SECURITY.info("admin action by {}: {} {}", actor, action, target);
  }
}
