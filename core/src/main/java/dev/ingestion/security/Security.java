package dev.ingestion.security;

import dev.ingestion.ops.alerts.RuleSet;
import dev.ingestion.ops.alerts.SecurityAlertRules;
import dev.ingestion.store.ApiKeyRepository;
import dev.ingestion.store.AuditRepository;
import dev.ingestion.store.BlockedIpRepository;
import dev.ingestion.store.Database;
import dev.ingestion.store.SecurityEventRepository;
import dev.ingestion.store.UserRepository;
import java.time.Clock;

/** The security services of one process over its database: authentication, users, audit, IP blocks. */
public final class Security {
  private final SecurityConfig config;
  private final SecurityEvents events;
  private final Authenticator authenticator;
  private final UserAdmin users;
  private final AuditTrail audit;
  private final IpBlocklist blocklist;
  private final SecurityReport report;

  public Security(Database db, SecurityConfig config, Clock clock) {
    this.config = config;
    UserRepository userRepository = new UserRepository(db);
    ApiKeyRepository keyRepository = new ApiKeyRepository(db);
    this.events = new SecurityEvents(new SecurityEventRepository(db), clock);
    this.authenticator = new Authenticator(keyRepository, events, config, clock);
    this.users = new UserAdmin(userRepository, keyRepository, clock);
    this.audit = new AuditTrail(new AuditRepository(db));
    this.blocklist = new IpBlocklist(new BlockedIpRepository(db), clock);
    this.report = new SecurityReport(events.repository(), userRepository, keyRepository, blocklist, clock);
  }

  public SecurityConfig config() {
    return config;
  }

  public SecurityEvents events() {
    return events;
  }

  public Authenticator authenticator() {
    return authenticator;
  }

  public UserAdmin users() {
    return users;
  }

  public AuditTrail audit() {
    return audit;
  }

  public IpBlocklist blocklist() {
    return blocklist;
  }

  /** The security alert rules (failed-authentication bursts, suspicious requests) for the alert engine. */
  public RuleSet alertRules() {
    return new SecurityAlertRules(events.repository(),
        new SecurityAlertRules.Kinds(SecurityEvents.AUTH_FAILED, SecurityEvents.SUSPICIOUS),
        new SecurityAlertRules.Thresholds(config.alertFailedAuths(), config.alertSuspicious(), config.alertWindow()));
  }

  public SecurityReport report() {
    return report;
  }
}
