package dev.ingestion.server.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.ops.dlq.DeadLetterService;
import dev.ingestion.ops.dlq.DlqAging;
import dev.ingestion.security.Role;
import dev.ingestion.server.BadRequestException;
import dev.ingestion.server.Callers;
import dev.ingestion.server.Json;
import dev.ingestion.server.Params;
import dev.ingestion.server.RouteTable;
import dev.ingestion.server.Routes;
import dev.ingestion.store.DeadLetterItem;
import dev.ingestion.store.DeadLetterQueries.Filter;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;

/** The dead-letter queue: statistics, lists, aging, reviews, and the review workflow. */
public final class DlqRoutes implements Routes {
  private static final ObjectMapper JSON = Json.mapper();
  private final DeadLetterService dlq;
  private final DlqAging aging;

  public DlqRoutes(DeadLetterService dlq, DlqAging aging) {
    this.dlq = dlq;
    this.aging = aging;
  }

  /** POST /dlq/{id}/assign. */
  public record AssignBody(String assignee, String notes) {}

  /** POST /dlq/{id}/retry: settings for this replay only. */
  public record RetryBody(Integer parseTimeoutSeconds, Integer maxChars) {}

  /** POST /dlq/retry: which pending items, at most how many, and settings for the replays. */
  public record RetryAllBody(String category, String source, String priority, Integer limit, Integer parseTimeoutSeconds,
      Integer maxChars) {}

  /** POST /dlq/{id}/resolve and /discard. */
  public record NotesBody(String notes) {}

  /** POST /dlq/cleanup. */
  public record CleanupBody(Integer daysOld) {}

  /** Endpoints that take no body still reject unknown fields. */
  public record NoBody() {}

  @Override
  public void register(RouteTable routes) {
    routes.tag("dlq");
    routes.get("/dlq/stats", "Totals by status; open items by category, priority and source; oldest open age",
        ctx -> ctx.json(dlq.stats()));
    routes.get("/dlq/pending", "Pending items, most urgent priority first, oldest first", ctx -> {
      var items = dlq.pending(Params.intParam(ctx, "limit", 10, 1, 1000), filter(ctx));
      ctx.json(Map.of("count", items.size(), "items", items));
    })
        .query("limit", "integer", "At most this many (1-1000, default 10)")
        .query("category", "string", "Only this failure category (e.g. corrupt, parse_timeout)")
        .query("source", "string", "Only items of this source")
        .query("priority", "string", "Only this priority: critical, high, medium, low");
    routes.get("/dlq/aging", "Open items by age, and items past their priority's SLA",
        ctx -> ctx.json(aging.aging(Params.intParam(ctx, "examples", 20, 0, 1000))))
        .query("examples", "integer", "How many of the oldest items past SLA to list (0-1000, default 20)");
    routes.get("/dlq/reviews", "Items in review, by assignee",
        ctx -> ctx.json(aging.reviews(Params.intParam(ctx, "per_assignee", 20, 0, 1000))))
        .query("per_assignee", "integer", "Items listed per assignee (0-1000, default 20)");
    routes.get("/dlq/{id}", "One item in full; its stack trace for operators and admins (null for viewers)",
        ctx -> ctx.json(forCaller(ctx, dlq.item(Params.longPath(ctx, "id")))));
    routes.post("/dlq/{id}/assign", "Assign to a reviewer (status in_review)", ctx -> {
      AssignBody b = Params.body(ctx, AssignBody.class, null);
      ctx.json(dlq.assign(Params.longPath(ctx, "id"), b.assignee(), b.notes()));
    }).body(AssignBody.class, true, "Who reviews the item (required)", "Optional notes");
    routes.post("/dlq/{id}/retry", "Replay the document now, optionally with other limits (status retrying)", ctx -> {
      RetryBody b = Params.body(ctx, RetryBody.class, new RetryBody(null, null));
      ctx.json(dlq.retry(Params.longPath(ctx, "id"), overrides(b.parseTimeoutSeconds(), b.maxChars())));
    }).body(RetryBody.class, false, "Parse time limit for this replay (1-86400 s)",
        "Extracted characters kept for this replay (1000-2147483639)");
    routes.post("/dlq/retry", "Replay every retry candidate: retryable items, or those matching the filter", ctx -> {
      RetryAllBody b = Params.body(ctx, RetryAllBody.class, new RetryAllBody(null, null, null, null, null, null));
      int limit = b.limit() == null ? 10_000 : bounded("limit", b.limit(), 1, 100_000);
      ctx.json(dlq.retryAll(new Filter(b.category(), b.source(), b.priority()),
          overrides(b.parseTimeoutSeconds(), b.maxChars()), limit));
    }).body(RetryAllBody.class, false, "Only this failure category", "Only this source", "Only this priority",
        "At most this many items (1-100000, default 10000)", "Parse time limit for the replays (1-86400 s)",
        "Extracted characters kept for the replays");
    routes.post("/dlq/{id}/escalate", "Raise the priority one step (low, medium, high, critical)", ctx -> {
      Params.body(ctx, NoBody.class, new NoBody());
      ctx.json(dlq.escalate(Params.longPath(ctx, "id")));
    });
    routes.post("/dlq/{id}/resolve", "Close as resolved, with notes", ctx -> {
      NotesBody b = Params.body(ctx, NotesBody.class, new NotesBody(null));
      ctx.json(dlq.resolve(Params.longPath(ctx, "id"), b.notes()));
    }).body(NotesBody.class, false, "What was done");
    routes.post("/dlq/{id}/discard", "Close as discarded (will not be processed), with notes", ctx -> {
      NotesBody b = Params.body(ctx, NotesBody.class, new NotesBody(null));
      ctx.json(dlq.discard(Params.longPath(ctx, "id"), b.notes()));
    }).body(NotesBody.class, false, "Why it is discarded");
    routes.post("/dlq/cleanup", "Archive resolved and discarded items closed more than days_old days ago", ctx -> {
      CleanupBody b = Params.body(ctx, CleanupBody.class, new CleanupBody(null));
      ctx.json(dlq.cleanup(b.daysOld() == null ? 30 : b.daysOld()));
    }).body(CleanupBody.class, false, "Age in days of the items to archive (0-3650, default 30)");
  }

  /** Stack traces show the server's insides: operators and admins read them, viewers get the item without. */
  private static Object forCaller(Context ctx, DeadLetterItem item) {
    boolean mayReadTrace = Callers.principal(ctx).map(p -> p.role().covers(Role.OPERATOR)).orElse(false);
    if (mayReadTrace) {
      return item;
    }
    ObjectNode shown = JSON.valueToTree(item);
    shown.putNull("stack_trace");
    return shown;
  }

  private static Filter filter(Context ctx) {
    return new Filter(blankToNull(ctx.queryParam("category")), blankToNull(ctx.queryParam("source")),
        blankToNull(ctx.queryParam("priority")));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  static JobOverrides overrides(Integer parseTimeoutSeconds, Integer maxChars) {
    Duration timeout = parseTimeoutSeconds == null ? null
        : Duration.ofSeconds(bounded("parse_timeout_seconds", parseTimeoutSeconds, 1, 86_400));
    Integer chars = maxChars == null ? null : bounded("max_chars", maxChars, 1_000, Integer.MAX_VALUE - 8);
    return new JobOverrides(timeout, chars);
  }

  static int bounded(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new BadRequestException("invalid_field", field + " must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }
}
