package dev.ingestion.cli.config;

import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.ops.OpsConfig;
import dev.ingestion.ops.sources.Schedule;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.security.IpRange;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.server.TlsConfig;
import dev.ingestion.sink.Sink;
import dev.ingestion.source.Source;
import dev.ingestion.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The whole configuration file, validated and typed. */
public record IngestionConfig(
    DatabaseConfig database, PipelineConfig pipeline, List<Source> sources, Path logDir, String logLevel,
    ServerConfig server, OpsConfig ops, Map<String, Schedule> schedules, EmbeddingConfig embeddings, Path origin,
    SecurityConfig security, List<Sink> sinks) {

  public IngestionConfig {
    sources = List.copyOf(sources);
    sinks = sinks == null ? List.of() : List.copyOf(sinks);
    schedules = Map.copyOf(schedules);
    embeddings = embeddings == null ? EmbeddingConfig.OFF : embeddings;
  }

  /** The sink called {@code name}, if configured. */
  public java.util.Optional<Sink> sink(String name) {
    return sinks.stream().filter(s -> s.config().name().equals(name)).findFirst();
  }

  /**
   * The HTTP server: bind address, port, optional TLS, and the proxies whose X-Forwarded-For names the
   * client (none: the connection's peer address is the client).
   */
  public record ServerConfig(String bind, int port, TlsConfig tls, List<IpRange> trustedProxies) {
    public ServerConfig {
      trustedProxies = List.copyOf(trustedProxies);
    }

    public ServerConfig(String bind, int port, TlsConfig tls) {
      this(bind, port, tls, List.of());
    }
  }

  public IngestionConfig withDatabase(DatabaseConfig db) {
    return new IngestionConfig(db, pipeline, sources, logDir, logLevel, server, ops, schedules, embeddings, origin,
        security, sinks);
  }

  public IngestionConfig withPipeline(PipelineConfig p) {
    return new IngestionConfig(database, p, sources, logDir, logLevel, server, ops, schedules, embeddings, origin,
        security, sinks);
  }

  public IngestionConfig withEmbeddings(EmbeddingConfig e) {
    return new IngestionConfig(database, pipeline, sources, logDir, logLevel, server, ops, schedules, e, origin,
        security, sinks);
  }

  public IngestionConfig withServer(ServerConfig s) {
    return new IngestionConfig(database, pipeline, sources, logDir, logLevel, s, ops, schedules, embeddings, origin,
        security, sinks);
  }
}
