package dev.ingestion.security;

import dev.ingestion.store.ApiKeyRepository;
import dev.ingestion.store.ApiKeyRepository.KeyOwner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer KEY} header into a {@link Principal}, checking on every request,
 * straight from the database, that the key exists, is neither revoked nor expired, and that its user is
 * enabled: a disable or a revoke takes effect on the very next request. Every outcome goes to auth.log
 * (user, address, reason; never the key); failures are counted per address and throttled.
 */
public final class Authenticator {
  private final ApiKeyRepository keys;
  private final SecurityEvents events;
  private final AuthThrottle throttle;
  private final Clock clock;
  private final Duration throttleFor;

  public Authenticator(ApiKeyRepository keys, SecurityEvents events, SecurityConfig config, Clock clock) {
    this.throttleFor = config.throttleFor();
    this.keys = keys;
    this.events = events;
    this.throttle = new AuthThrottle(config, clock);
    this.clock = clock;
  }

  public Principal authenticate(String authorization, String client) {
    throttle.remaining(client).ifPresent(left -> {
      throw new ThrottledException("too many failed authentications from " + client + "; retry in "
          + Math.max(1, left.toSeconds()) + " s", left);
    });
    if (authorization == null || authorization.isBlank()) {
      throw fail(client, null, "no API key", "send the header 'Authorization: Bearer <API key>'");
    }
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw fail(client, null, "not a Bearer authorization", "send the header 'Authorization: Bearer <API key>'");
    }
    String key = authorization.substring(7).trim();
    if (!ApiKeys.wellFormed(key)) {
      throw fail(client, null, "malformed API key", "API keys start with " + ApiKeys.PREFIX);
    }
    Optional<KeyOwner> owner = keys.findByHash(ApiKeys.hash(key));
    if (owner.isEmpty()) {
      throw fail(client, null, "unknown API key", "check the key; it may have been mistyped or deleted");
    }
    return check(owner.get(), client);
  }

  private Principal check(KeyOwner o, String client) {
    Instant now = clock.instant();
    if (o.revokedAt() != null) {
      throw fail(client, o.username(), "revoked key " + o.prefix(), "ask an admin for a new key");
    }
    if (o.expiresAt() != null && !o.expiresAt().isAfter(now)) {
      throw fail(client, o.username(), "expired key " + o.prefix(), "ask an admin for a new key");
    }
    if (!o.enabled()) {
      throw fail(client, o.username(), "user disabled", "ask an admin to enable the user");
    }
    SecurityEvents.AUTH.info("authentication succeeded user={} client={} key={}", o.username(), client, o.prefix());
    return new Principal(o.userId(), o.username(), Role.parse(o.role()), o.keyId(), o.prefix());
  }

  private AuthenticationException fail(String client, String username, String reason, String hint) {
    String user = username == null ? "-" : username;
    SecurityEvents.AUTH.warn("authentication failed user={} client={} reason={}", user, client, reason);
    SecurityEvents.SECURITY.warn("authentication failed for user {} from {}: {}", user, client, reason);
    events.record(SecurityEvents.AUTH_FAILED, client, username, reason);
    if (throttle.failed(client)) {
      SecurityEvents.SECURITY.warn("authentication throttled: client {} refused for {} s after repeated failures", client,
          throttleFor.toSeconds());
      events.record(SecurityEvents.THROTTLED, client, username, "too many failed authentications");
    }
    return new AuthenticationException("authentication failed: " + reason + "; " + hint);
  }
}
