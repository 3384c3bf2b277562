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
 * (user, address, reason; never the key).
 *
 * <p>Failures are counted per client address and presented key prefix, and a pair that keeps failing is
 * answered 429 for a while; so is an address with {@value #ADDRESS_FACTOR} times as many failures over any
 * prefixes (a client making up a new key for each request). The key is checked before the throttle, so a
 * valid key is never refused: one client sending bad keys cannot lock out others behind the same address
 * (a NAT, a proxy), nor the owner of a key it tries to guess. A throttled request writes nothing to the
 * database, which bounds what a stream of bad requests can make the server write.
 */
public final class Authenticator {
  private static final String NO_KEY = "-";
  /** How many times more failures an address may have, over all key prefixes, than one prefix. */
  static final int ADDRESS_FACTOR = 10;

  private final ApiKeyRepository keys;
  private final SecurityEvents events;
  private final AuthThrottle throttle;
  private final AuthThrottle addressThrottle;
  private final Clock clock;
  private final Duration throttleFor;

  public Authenticator(ApiKeyRepository keys, SecurityEvents events, SecurityConfig config, Clock clock) {
    this.throttleFor = config.throttleFor();
    this.keys = keys;
    this.events = events;
    this.throttle = new AuthThrottle(config, clock);
    this.addressThrottle = new AuthThrottle(config, (int) Math.min(Integer.MAX_VALUE,
        (long) config.maxFailures() * ADDRESS_FACTOR), clock);
    this.clock = clock;
  }

  /** Why a header authenticates nobody, and the hint that goes with it. */
  private record Refusal(String username, String reason, String hint) {}

  public Principal authenticate(String authorization, String client) {
    String key = bearer(authorization);
    Refusal refusal;
    if (authorization == null || authorization.isBlank()) {
      refusal = new Refusal(null, "no API key", "send the header 'Authorization: Bearer <API key>'");
    } else if (key == null) {
      refusal = new Refusal(null, "not a Bearer authorization", "send the header 'Authorization: Bearer <API key>'");
    } else if (!ApiKeys.wellFormed(key)) {
      refusal = new Refusal(null, "malformed API key", "API keys start with " + ApiKeys.PREFIX);
    } else {
      Optional<KeyOwner> owner = keys.findByHash(ApiKeys.hash(key));
      if (owner.isEmpty()) {
        refusal = new Refusal(null, "unknown API key", "check the key; it may have been mistyped or deleted");
      } else {
        refusal = refusal(owner.get());
        if (refusal == null) {
          return success(owner.get(), client);
        }
      }
    }
    String bucket = client + " " + (ApiKeys.wellFormed(key) ? ApiKeys.shown(key) : NO_KEY);
    throttle.remaining(bucket).or(() -> addressThrottle.remaining(client)).ifPresent(left -> {
      throw new ThrottledException("too many failed authentications from " + client + "; retry in "
          + Math.max(1, left.toSeconds()) + " s (a valid key is not held back)", left);
    });
    throw fail(client, bucket, refusal);
  }

  private static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  /** Why the key's owner may not call, or null when it may. */
  private Refusal refusal(KeyOwner o) {
    Instant now = clock.instant();
    if (o.revokedAt() != null) {
      return new Refusal(o.username(), "revoked key " + o.prefix(), "ask an admin for a new key");
    }
    if (o.expiresAt() != null && !o.expiresAt().isAfter(now)) {
      return new Refusal(o.username(), "expired key " + o.prefix(), "ask an admin for a new key");
    }
    if (!o.enabled()) {
      return new Refusal(o.username(), "user disabled", "ask an admin to enable the user");
    }
    return null;
  }

  private static Principal success(KeyOwner o, String client) {
    SecurityEvents.AUTH.info("authentication succeeded user={} client={} key={}", o.username(), client, o.prefix());
    return new Principal(o.userId(), o.username(), Role.parse(o.role()), o.keyId(), o.prefix());
  }

  private AuthenticationException fail(String client, String bucket, Refusal r) {
    String user = r.username() == null ? "-" : r.username();
    SecurityEvents.AUTH.warn("authentication failed user={} client={} reason={}", user, client, r.reason());
    SecurityEvents.SECURITY.warn("authentication failed for user {} from {}: {}", user, client, r.reason());
    events.record(SecurityEvents.AUTH_FAILED, client, r.username(), r.reason());
    boolean addressThrottled = addressThrottle.failed(client);
    if (throttle.failed(bucket) || addressThrottled) {
      SecurityEvents.SECURITY.warn("authentication throttled: client {} refused for {} s after repeated failures"
          + " (valid keys still pass)", bucket, throttleFor.toSeconds());
      events.record(SecurityEvents.THROTTLED, client, r.username(), "too many failed authentications");
    }
    return new AuthenticationException("authentication failed: " + r.reason() + "; " + r.hint());
  }
}
