package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.ops.alerts.SecurityAlertRules;
import dev.ingestion.security.AuthenticationException;
import dev.ingestion.security.Principal;
import dev.ingestion.security.Role;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.security.UserAdmin;
import dev.ingestion.store.AuditRepository.AuditRow;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, keys, audit, IP blocks and security events (V4); one subclass per database dialect. */
public abstract class SecurityStoreContract {
  protected abstract Database openDatabase(Path dir, Clock clock);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:30:00Z"));
  Database db;
  Security security;

  @BeforeEach
  void open() {
    db = openDatabase(dir, clock);
    SecurityConfig d = SecurityConfig.defaults(dir);
    security = new Security(db, new SecurityConfig(1000, d.failureWindow(), d.throttleFor(), d.adminKeyFile(), 5, 2,
        Duration.ofMinutes(5)), clock);
  }

  @AfterEach
  void close() {
    db.close();
  }

  String bearer(UserAdmin.IssuedKey k) {
    return "Bearer " + k.key();
  }

  @Test
  void a_key_authenticates_its_user_until_the_user_is_disabled_or_the_key_revoked() {
    UserAdmin.NewUser u = security.users().create("alice", Role.OPERATOR, "test");
    Principal p = security.authenticator().authenticate(bearer(u.key()), "10.0.0.1");
    assertThat(p.username()).isEqualTo("alice");
    assertThat(p.role()).isEqualTo(Role.OPERATOR);
    security.users().setEnabled("alice", false, "test");
    assertThatThrownBy(() -> security.authenticator().authenticate(bearer(u.key()), "10.0.0.1"))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("user disabled");
    security.users().setEnabled("alice", true, "test");
    security.users().revoke(u.key().info().id(), "test");
    assertThatThrownBy(() -> security.authenticator().authenticate(bearer(u.key()), "10.0.0.1"))
        .hasMessageContaining("revoked");
    assertThat(security.users().list()).singleElement().satisfies(r -> assertThat(r.activeKeys()).isZero());
  }

  @Test
  void a_key_expires_and_counts_follow_the_clock() {
    security.users().create("bob", Role.VIEWER, "test");
    UserAdmin.IssuedKey k = security.users().issue("bob", "short", Duration.ofHours(1), "test");
    assertThat(security.report().over(Duration.ofHours(1)).activeKeys()).isEqualTo(2);
    clock.advance(Duration.ofMinutes(61));
    assertThatThrownBy(() -> security.authenticator().authenticate(bearer(k), "10.0.0.2")).hasMessageContaining("expired");
    assertThat(security.report().over(Duration.ofHours(1)).activeKeys()).isEqualTo(1);
    security.users().setEnabled("bob", false, "test");
    var figures = security.report().over(Duration.ofHours(1));
    assertThat(figures.disabledUsers()).isEqualTo(1);
    assertThat(figures.activeKeys()).isZero();
    assertThat(figures.failedAuthentications()).isEqualTo(1);
  }

  @Test
  void failed_authentications_in_the_window_raise_the_alert_and_age_out() {
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> security.authenticator().authenticate("Bearer ingk_" + "q".repeat(43), "192.0.2.9"))
          .isInstanceOf(AuthenticationException.class);
    }
    assertThat(security.alertRules().evaluate(clock.instant())).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(SecurityAlertRules.AUTH_FAILURES);
      assertThat(f.message()).contains("192.0.2.9 (5)");
    });
    clock.advance(Duration.ofMinutes(6));
    assertThat(security.alertRules().evaluate(clock.instant())).isEmpty();
  }

  @Test
  void audit_rows_and_ip_blocks_round_trip() {
    security.audit().record(new AuditRow(0, clock.instant(), "admin", "admin", "127.0.0.1", "POST", "/admin/users/disable",
        "user x", 200, "{\"enabled\":true}", "{\"enabled\":false}"));
    assertThat(security.audit().latest(10)).singleElement().satisfies(r -> {
      assertThat(r.at()).isEqualTo(clock.instant());
      assertThat(r.after()).isEqualTo("{\"enabled\":false}");
    });
    security.blocklist().block("198.51.100.0/24", "scan", Duration.ofHours(1), "admin");
    security.blocklist().block("198.51.100.0/24", "scan again", null, "admin");
    assertThat(security.blocklist().list()).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo("scan again");
      assertThat(b.expiresAt()).isNull();
    });
    assertThat(security.blocklist().blocking("198.51.100.77")).isPresent();
    security.blocklist().unblock("198.51.100.0/24", "admin");
    assertThat(security.blocklist().blocking("198.51.100.77")).isEmpty();
  }
}
