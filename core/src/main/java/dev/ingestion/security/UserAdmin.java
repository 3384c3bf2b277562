package dev.ingestion.security;

import dev.ingestion.model.InvalidInputException;
import dev.ingestion.model.NotFoundException;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.store.ApiKeyRepository;
import dev.ingestion.store.ApiKeyRepository.KeyRow;
import dev.ingestion.store.ApiKeyRepository.NewKey;
import dev.ingestion.store.UserRepository;
import dev.ingestion.store.UserRepository.UserRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Users and their API keys: create, disable, enable, issue and revoke keys. A key is returned once, at
 * creation, and only its hash is kept. Every change is written to security.log with who made it.
 *
 * <p>Guard rails: user names are unique whatever their case, and the last usable admin key (a key neither
 * revoked nor expired, of an enabled admin) can be neither revoked nor switched off by disabling its
 * user, so the API always keeps a way in for an admin.
 */
public final class UserAdmin {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  private final UserRepository users;
  private final ApiKeyRepository keys;
  private final Clock clock;

  public UserAdmin(UserRepository users, ApiKeyRepository keys, Clock clock) {
    this.users = users;
    this.keys = keys;
    this.clock = clock;
  }

  /** A key just issued: {@code key} is the only time the secret is available. */
  public record IssuedKey(KeyRow info, String key) {}

  /** A new user and its first key. */
  public record NewUser(UserRow user, IssuedKey key) {}

  public NewUser create(String username, Role role, String actor) {
    String name = validName(username);
    users.nameTaken(name).ifPresent(taken -> {
      throw new StateConflictException("user '" + taken + "' already exists" + (taken.equals(name) ? ""
          : " (user names are unique whatever their case)") + "; pick another name or issue it a new key");
    });
    users.create(name, role.dbValue(), clock.instant()).orElseThrow(() ->
        new StateConflictException("user '" + name + "' already exists; pick another name or issue it a new key"));
    SecurityEvents.adminAction(actor, "created user", name + " role=" + role.dbValue());
    return new NewUser(user(name), issue(name, "initial", null, actor));
  }

  public UserRow user(String username) {
    return users.find(username, clock.instant()).orElseThrow(() ->
        new NotFoundException("no user '" + Role.clip(username) + "'; list users with GET /admin/users"));
  }

  public List<UserRow> list() {
    return users.list(clock.instant());
  }

  /** Disables or enables a user; its keys stop (or start again) working on the next request. */
  public UserRow setEnabled(String username, boolean enabled, String actor) {
    String name = username == null ? "" : username.trim();
    if (!enabled) {
      users.find(name, clock.instant()).ifPresent(this::refuseLastAdminDisable);
    }
    if (!users.setEnabled(name, enabled, clock.instant())) {
      throw new NotFoundException("no user '" + Role.clip(name) + "'; list users with GET /admin/users");
    }
    SecurityEvents.SECURITY.warn("user {} {} by {}", name, enabled ? "enabled" : "disabled", actor);
    return user(name);
  }

  /** Issues a new key to {@code username}, valid for {@code validFor} (forever when null). */
  public IssuedKey issue(String username, String keyName, Duration validFor, String actor) {
    UserRow user = user(username);
    if (validFor != null && (validFor.isNegative() || validFor.isZero())) {
      throw new InvalidInputException("expires_in must be positive");
    }
    String secret = ApiKeys.generate();
    Instant expires = validFor == null ? null : clock.instant().plus(validFor);
    long id = keys.add(new NewKey(user.id(), ApiKeys.hash(secret), ApiKeys.shown(secret), keyName, expires),
        clock.instant());
    SecurityEvents.adminAction(actor, "issued key", ApiKeys.shown(secret) + " (id " + id + ") to user " + user.username());
    return new IssuedKey(keys.find(id).orElseThrow(), secret);
  }

  public KeyRow revoke(long keyId, String actor) {
    KeyRow key = keys.find(keyId).orElseThrow(() ->
        new NotFoundException("no API key " + keyId + "; list keys with GET /admin/keys"));
    refuseLastAdminRevoke(key);
    if (!keys.revoke(keyId, clock.instant())) {
      throw new StateConflictException("API key " + keyId + " (" + key.prefix() + ") is already revoked");
    }
    SecurityEvents.SECURITY.warn("key {} (id {}) of user {} revoked by {}", key.prefix(), keyId, key.username(), actor);
    return keys.find(keyId).orElseThrow();
  }

  private void refuseLastAdminDisable(UserRow u) {
    if (u.enabled() && u.role().equals(Role.ADMIN.dbValue()) && u.activeKeys() > 0
        && keys.countUsableAdminKeys(clock.instant(), u.id(), 0) == 0) {
      throw new StateConflictException("user '" + u.username() + "' is the last enabled admin with a usable key;"
          + " disabling it would leave no admin able to call the API. Create or enable another admin first");
    }
  }

  private void refuseLastAdminRevoke(KeyRow key) {
    Instant now = clock.instant();
    boolean usable = key.revokedAt() == null && (key.expiresAt() == null || key.expiresAt().isAfter(now));
    UserRow owner = users.find(key.username(), now).orElse(null);
    if (usable && owner != null && owner.enabled() && owner.role().equals(Role.ADMIN.dbValue())
        && keys.countUsableAdminKeys(now, 0, key.id()) == 0) {
      throw new StateConflictException("API key " + key.id() + " (" + key.prefix() + ") is the last usable admin key;"
          + " revoking it would leave no admin able to call the API. Issue another admin key first");
    }
  }

  public List<KeyRow> keys(String username) {
    if (username != null) {
      user(username);
    }
    return keys.list(username);
  }

  public long userCount() {
    return users.count();
  }

  static String validName(String username) {
    String name = username == null ? "" : username.trim();
    if (!NAME.matcher(name).matches()) {
      throw new InvalidInputException("username must be 1-64 letters, digits, '.', '_', '@' or '-' (starting with a"
          + " letter or digit), got '" + Role.clip(name) + "'");
    }
    return name;
  }
}
