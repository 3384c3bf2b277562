package dev.ingestion.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The operator console: static HTML, CSS and ES modules from the classpath folder {@code /console},
 * served at {@code /console/}. The files hold no data; every figure is fetched from the JSON API with the
 * operator's key, so they need none themselves.
 */
final class ConsoleAssets {
  static final String PATH = "/console";

  /** Same-origin only: the console loads nothing from elsewhere and may not be framed. */
  private static final Map<String, String> HEADERS = Map.of(
      "Cache-Control", "no-cache",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "no-referrer",
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
          + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");

  private ConsoleAssets() {}

  static void register(JavalinConfig cfg) {
    // The pages load their assets relative to /console/: without the slash they would resolve against /.
    cfg.routes.before(PATH, ctx -> {
      if (ctx.path().equals(PATH)) {
        ctx.redirect(PATH + "/", HttpStatus.MOVED_PERMANENTLY);
        ctx.skipRemainingHandlers();
      }
    });
    cfg.staticFiles.add(files -> {
      files.hostedPath = PATH;
      files.directory = "/console";
      files.location = Location.CLASSPATH;
      files.headers = HEADERS;
    });
  }
}
