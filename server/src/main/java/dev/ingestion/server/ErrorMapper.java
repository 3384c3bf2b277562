package dev.ingestion.server;

import dev.ingestion.model.ConfigException;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.model.NotFoundException;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.model.StoreException;
import dev.ingestion.security.AccessDeniedException;
import dev.ingestion.security.AuthenticationException;
import dev.ingestion.security.ThrottledException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place domain errors become HTTP statuses. Bodies are always JSON {@code {"error", "message"}};
 * nothing from a stack trace reaches a client, no message names a Java class, and no word of a message
 * (client input echoed back, mostly) is longer than {@value Params#ECHO} characters. A client that hangs up
 * while sending its body is logged at DEBUG: it is not our error.
 */
public final class ErrorMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final Pattern PACKAGE = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern CLASS = Pattern.compile("[A-Z][A-Za-z0-9_$]*");
  private static final Pattern LONG_WORD = Pattern.compile("\\S{" + (Params.ECHO + 1) + ",}");
  private static final int MAX_MESSAGE = 1_000;

  private ErrorMapper() {}

  public static void register(RoutesConfig routes) {
    routes.exception(BadRequestException.class, (e, ctx) -> send(ctx, 400, e.error(), e.getMessage()));
    routes.exception(ConfigException.class, (e, ctx) -> send(ctx, 400, "invalid_request", e.getMessage()));
    routes.exception(NotFoundException.class, (e, ctx) -> send(ctx, 404, "not_found", e.getMessage()));
    routes.exception(InvalidInputException.class, (e, ctx) -> send(ctx, 400, "invalid_request", e.getMessage()));
    routes.exception(StateConflictException.class, (e, ctx) -> send(ctx, 409, "conflict", e.getMessage()));
    routes.exception(AuthenticationException.class, (e, ctx) -> {
      ctx.header("WWW-Authenticate", "Bearer realm=\"ingestion\"");
      send(ctx, 401, "unauthorized", e.getMessage());
    });
    routes.exception(AccessDeniedException.class, (e, ctx) -> send(ctx, 403, "forbidden", e.getMessage()));
    routes.exception(ThrottledException.class, (e, ctx) -> {
      ctx.header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
      send(ctx, 429, "too_many_failed_authentications", e.getMessage());
    });
    routes.exception(StoreException.class, (e, ctx) -> {
      LOG.error("database error on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
      send(ctx, 503, "database_unavailable", "the database is unavailable right now; retry shortly");
    });
    routes.exception(HttpResponseException.class, (e, ctx) -> {
      switch (e.getStatus()) {
        case 404 -> notFound(ctx);
        case 405 -> methodNotAllowed(ctx);
        case 413 -> send(ctx, 413, "body_too_large", "the request body is larger than 1 MB");
        default -> send(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
      }
    });
    routes.exception(Exception.class, (e, ctx) -> {
      if (clientHungUp(e)) {
        LOG.debug("client {} hung up during {} {}: {}", ctx.ip(), ctx.method(), Params.clip(ctx.path()), e.toString());
        send(ctx, 400, "incomplete_request", "the request body ended before its declared length");
        return;
      }
      LOG.error("unexpected error on {} {}", ctx.method(), Params.clip(ctx.path()), e);
      send(ctx, 500, "internal_error", "unexpected server error; details are in the server's error.log");
    });
    routes.error(404, "*", ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty() || !ctx.res().getContentType().contains("json")) {
        notFound(ctx);
      }
    });
    routes.error(405, "*", ErrorMapper::methodNotAllowed);
  }

  private static void notFound(Context ctx) {
    send(ctx, 404, "not_found", "no endpoint " + ctx.method() + " " + Params.clip(ctx.path()) + "; see GET /openapi.json");
  }

  private static void methodNotAllowed(Context ctx) {
    send(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + Params.clip(ctx.path())
        + "; see GET /openapi.json");
  }

  static void send(Context ctx, int status, String error, String message) {
    ctx.status(status).json(new ApiError(error, clean(message)));
  }

  /** {@code message} without Java class names, every word clipped, the whole bounded. */
  static String clean(String message) {
    if (message == null) {
      return "";
    }
    String s = withoutClassNames(message);
    s = LONG_WORD.matcher(s).replaceAll(m -> Matcher.quoteReplacement(Params.clip(m.group())));
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "..." : s;
  }

  /** {@code message} with every word that is a qualified Java class name ({@code a.b.C$D}) replaced. */
  private static String withoutClassNames(String message) {
    String[] words = message.split(" ", -1);
    for (int i = 0; i < words.length; i++) {
      String w = words[i];
      int start = 0;
      int end = w.length();
      while (start < end && "`'\"([".indexOf(w.charAt(start)) >= 0) {
        start++;
      }
      while (end > start && "`'\")],;:.".indexOf(w.charAt(end - 1)) >= 0) {
        end--;
      }
      if (isClassName(w.substring(start, end))) {
        words[i] = w.substring(0, start).replace("`", "") + "a value" + w.substring(end).replace("`", "");
      }
    }
    return String.join(" ", words);
  }

  private static boolean isClassName(String word) {
    String[] parts = word.split("\\.", -1);
    if (parts.length < 2 || !CLASS.matcher(parts[parts.length - 1]).matches()) {
      return false;
    }
    for (int i = 0; i < parts.length - 1; i++) {
      if (!PACKAGE.matcher(parts[i]).matches()) {
        return false;
      }
    }
    return true;
  }

  /** True when {@code e} comes from the client closing the connection before its body was complete. */
  static boolean clientHungUp(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EofException || (t instanceof IOException && "Early EOF".equals(t.getMessage()))) {
        return true;
      }
    }
    return false;
  }
}
