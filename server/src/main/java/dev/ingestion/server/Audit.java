package dev.ingestion.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.security.AuditTrail;
import dev.ingestion.security.Principal;
import dev.ingestion.security.SecurityEvents;
import dev.ingestion.store.AuditRepository.AuditRow;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Set;

/**
 * The audit trail of the API: after every state-changing call (any method but GET, HEAD, OPTIONS) by an
 * authenticated user, one entry with who, when, from where, the method, path, target and status.
 * Handlers add what the call changed with {@link #note}: the target and the state before and after.
 */
public final class Audit {
  private static final String TARGET = "ingestion.audit.target";
  private static final String BEFORE = "ingestion.audit.before";
  private static final String AFTER = "ingestion.audit.after";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final ObjectMapper JSON = Json.mapper();

  private final AuditTrail trail;
  private final Clock clock;

  Audit(AuditTrail trail, Clock clock) {
    this.trail = trail;
    this.clock = clock;
  }

  /** Records what this call changed: its target and, where it matters, the state before and after. */
  public static void note(Context ctx, String target, Object before, Object after) {
    ctx.attribute(TARGET, target);
    ctx.attribute(BEFORE, before);
    ctx.attribute(AFTER, after);
  }

  void after(Context ctx) {
    if (READS.contains(ctx.method().name()) || ctx.status().getCode() == 405) {
      return; // a read, or a method the path does not have: nothing was attempted
    }
    Principal p = AccessControl.principal(ctx).orElse(null);
    if (p == null) {
      return; // refused before it ran: auth.log has it
    }
    String target = ctx.attribute(TARGET);
    if (target == null) {
      String body = ctx.body();
      target = body.isBlank() ? null : clip(body.replaceAll("\\s+", " "));
    }
    if (ctx.path().startsWith("/admin/") || ctx.path().equals("/versions/cleanup")) {
      SecurityEvents.adminAction(p.username(), ctx.method().name() + " " + ctx.path() + " -> " + ctx.status().getCode(),
          target == null ? "" : target);
    }
    trail.record(new AuditRow(0, clock.instant(), p.username(), p.role().dbValue(), ctx.ip(), ctx.method().name(),
        Redaction.path(ctx.path()), target, ctx.status().getCode(), json(ctx.attribute(BEFORE)), json(ctx.attribute(AFTER))));
  }

  private static String clip(String s) {
    String t = s.length() > 500 ? s.substring(0, 500) + "..." : s;
    return t.replaceAll("[^\\p{Print}]", "?");
  }

  private static String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
