package dev.ingestion.cli;

import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import picocli.CommandLine.Option;

/** --bind and --port, over server.bind and server.port of the configuration. */
final class ServerOptions {
  @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address to listen on (default: server.bind, 127.0.0.1).")
  String bind;

  @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: server.port, 8080).")
  Integer port;

  IngestionConfig apply(IngestionConfig cfg) {
    if (port != null && (port < 0 || port > 65535)) {
      throw new ConfigException("--port must be between 0 and 65535, got " + port);
    }
    return cfg.withServer(new IngestionConfig.ServerConfig(bind != null ? bind : cfg.server().bind(),
        port != null ? port : cfg.server().port(), cfg.server().tls(), cfg.server().trustedProxies()));
  }
}
