package dev.ingestion.server;

import dev.ingestion.security.Principal;
import io.javalin.http.Context;
import java.util.Optional;

/** Who is calling: the principal {@link AccessControl} authenticated for this request, if any. */
public final class Callers {
  private Callers() {}

  public static Optional<Principal> principal(Context ctx) {
    return AccessControl.principal(ctx);
  }
}
