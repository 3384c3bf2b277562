package dev.ingestion.security;

import dev.ingestion.store.ApiKeyRepository;
import dev.ingestion.store.SecurityEventRepository;
import dev.ingestion.store.SecurityEventRepository.ClientCount;
import dev.ingestion.store.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The figures of GET /metrics/security over a window, read from the database (all API processes). */
public final class SecurityReport {
  private final SecurityEventRepository events;
  private final UserRepository users;
  private final ApiKeyRepository keys;
  private final IpBlocklist blocklist;
  private final Clock clock;

  public SecurityReport(SecurityEventRepository events, UserRepository users, ApiKeyRepository keys, IpBlocklist blocklist,
      Clock clock) {
    this.events = events;
    this.users = users;
    this.keys = keys;
    this.blocklist = blocklist;
    this.clock = clock;
  }

  /** The figures since {@code since}; user and key counts are as of now. */
  public record Figures(Instant since, Instant until, long failedAuthentications, long throttledClients,
      long suspiciousRequests, long roleDenials, long users, long disabledUsers, long activeKeys,
      long blockedAddresses, List<ClientCount> topFailedClients) {}

  public Figures over(Duration window) {
    Instant now = clock.instant();
    Instant since = now.minus(window);
    return new Figures(since, now, events.count(SecurityEvents.AUTH_FAILED, since),
        events.distinctClients(SecurityEvents.THROTTLED, since), events.count(SecurityEvents.SUSPICIOUS, since),
        events.count(SecurityEvents.ROLE_DENIED, since), users.count(),
        users.countDisabled(), keys.countActive(now), blocklist.list().size(),
        events.topClients(SecurityEvents.AUTH_FAILED, since, 10));
  }
}
