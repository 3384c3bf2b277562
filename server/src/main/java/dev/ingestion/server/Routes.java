package dev.ingestion.server;

import io.javalin.config.RoutesConfig;

/** A group of endpoints. Each *Routes class registers its own paths; {@link ApiServer} lists them all. */
public interface Routes {
  void register(RoutesConfig routes);
}
