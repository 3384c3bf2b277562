package dev.ingestion.server;

/** A group of endpoints. Each *Routes class registers its own paths; {@link ApiServer} lists them all. */
public interface Routes {
  void register(RouteTable routes);
}
