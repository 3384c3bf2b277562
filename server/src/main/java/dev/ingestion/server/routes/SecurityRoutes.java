package dev.ingestion.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.security.Principal;
import dev.ingestion.security.Role;
import dev.ingestion.security.Security;
import dev.ingestion.security.UserAdmin;
import dev.ingestion.server.Audit;
import dev.ingestion.server.Callers;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Users and API keys (admin only), the caller's own identity, and the audit trail. */
public final class SecurityRoutes implements Routes {
  private final Security security;

  public SecurityRoutes(Security security) {
    this.security = security;
  }

  /** POST /admin/users/create. */
  public record CreateUserBody(String username, String role) {}

  /** POST /admin/users/disable and /enable. */
  public record UserBody(String username) {}

  /** POST /admin/keys/create. */
  public record CreateKeyBody(String username, String name, JsonNode expiresIn) {}

  /** POST /admin/keys/revoke. */
  public record RevokeKeyBody(Long id) {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("security");
    routes.get("/me", "The caller: user name, role and the key in use (its shown prefix)",
        ctx -> {
          Principal p = Callers.principal(ctx).orElseThrow();
          ctx.json(Map.of("username", p.username(), "role", p.role().dbValue(), "key_id", p.keyId(),
              "key_prefix", p.keyPrefix()));
        });
    routes.get("/admin/users", "API users with their role, state and number of usable keys",
        ctx -> ctx.json(Map.of("users", security.users().list())));
    routes.post("/admin/users/create", "Create a user with a role; answers its first API key, shown only this once",
        this::createUser).status(201)
        .body(CreateUserBody.class, true, "User name: letters, digits, '.', '_', '@', '-'", "viewer, operator or admin");
    routes.post("/admin/users/disable", "Disable a user: its keys stop working on the next request",
        ctx -> setEnabled(ctx, false)).body(UserBody.class, true, "The user to disable");
    routes.post("/admin/users/enable", "Enable a disabled user again", ctx -> setEnabled(ctx, true))
        .body(UserBody.class, true, "The user to enable");
    routes.get("/admin/keys", "API keys (shown prefix, name, created, expiry, revoked; never the key)", ctx -> ctx.json(
        Map.of("keys", security.users().keys(ctx.queryParam("username")))))
        .query("username", "string", "Only this user's keys");
    routes.post("/admin/keys/create", "Issue another key to a user; the key is in this answer only", this::createKey)
        .status(201).body(CreateKeyBody.class, true, "The user", "A label for the key (e.g. where it is used)",
            "Validity: seconds, or 90s, 30m, 24h, 7d, 2w (default: no expiry)");
    routes.post("/admin/keys/revoke", "Revoke a key by id: refused from the next request on", ctx -> {
      RevokeKeyBody b = Params.body(ctx, RevokeKeyBody.class, null);
      if (b.id() == null || b.id() < 1) {
        throw new dev.ingestion.server.BadRequestException("invalid_field", "id (the key id from GET /admin/keys) is required");
      }
      var revoked = security.users().revoke(b.id(), actor(ctx));
      Audit.note(ctx, "key " + revoked.id() + " " + revoked.prefix() + " of " + revoked.username(), null, revoked);
      ctx.json(revoked);
    }).body(RevokeKeyBody.class, true, "The key's id");
    routes.get("/audit", "The audit trail of state-changing calls, newest first",
        ctx -> ctx.json(Map.of("entries", security.audit().latest(Params.intParam(ctx, "limit", 100, 1, 10_000)))))
        .role(Role.ADMIN).query("limit", "integer", "At most this many (1-10000, default 100)");
  }

  private void createUser(Context ctx) {
    CreateUserBody b = Params.body(ctx, CreateUserBody.class, null);
    UserAdmin.NewUser created = security.users().create(b.username(), Role.parse(b.role()), actor(ctx));
    Audit.note(ctx, "user " + created.user().username(), null, created.user());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user", created.user());
    out.put("key", created.key().info());
    out.put("api_key", created.key().key());
    ctx.status(201).json(out);
  }

  private void createKey(Context ctx) {
    CreateKeyBody b = Params.body(ctx, CreateKeyBody.class, null);
    var issued = security.users().issue(b.username() == null ? "" : b.username().trim(), b.name(),
        Params.expiry("expires_in", b.expiresIn()), actor(ctx));
    Audit.note(ctx, "key " + issued.info().id() + " of " + issued.info().username(), null, issued.info());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("key", issued.info());
    out.put("api_key", issued.key());
    ctx.status(201).json(out);
  }

  private void setEnabled(Context ctx, boolean enabled) {
    UserBody b = Params.body(ctx, UserBody.class, null);
    var before = security.users().user(b.username() == null ? "" : b.username().trim());
    var after = security.users().setEnabled(before.username(), enabled, actor(ctx));
    Audit.note(ctx, "user " + after.username(), Map.of("enabled", before.enabled()), Map.of("enabled", after.enabled()));
    ctx.json(after);
  }

  static String actor(Context ctx) {
    return Callers.principal(ctx).map(Principal::username).orElse("anonymous");
  }
}
