package dev.ingestion.server;

import io.javalin.http.Context;

/**
 * Headers on every response: no MIME sniffing, no framing, no referrer, and no caching of API answers
 * (they carry operational data). The console's static assets may be cached and load their own scripts.
 */
final class SecurityHeaders {
  private SecurityHeaders() {}

  static void apply(Context ctx, boolean console, boolean tls) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (console) {
      ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'");
    } else {
      ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
      ctx.header("Cache-Control", "no-store");
    }
    if (tls) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
