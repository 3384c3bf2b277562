package dev.ingestion.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.sources.Schedule;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.Sinks;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceFactory;
import dev.ingestion.store.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code ingestion.yml}: YAML at the edge, then each section into its typed record. Values may
 * reference the environment as {@code ${NAME}} (how secrets get in without being written down). Every
 * error names the field and says how to fix it.
 */
public final class ConfigLoader {
  private static final Set<String> TOP =
      Set.of("database", "pipeline", "sources", "logging", "server", "health", "alerts", "dlq", "retention", "metrics",
          "maintenance", "security", "embeddings", "sinks");
  private static final Set<String> EMBEDDINGS = Set.of("enabled", "model", "batch_size");
  private static final Set<String> DATABASE = Set.of("url", "user", "password", "pool", "busy_timeout");
  private static final Set<String> POOL = Set.of("min_connections", "max_connections", "connection_timeout", "idle_timeout");
  private static final Set<String> PIPELINE = Set.of("concurrency", "chunk_size", "chunk_overlap", "min_chunk_size",
      "max_attempts", "retry_base_delay", "retry_max_delay", "lease", "heartbeat", "poll_interval", "shutdown_grace",
      "drain_timeout", "keep_versions", "parse",
      "temp_dir");
  private static final Set<String> PARSE = Set.of("timeout", "max_chars", "max_embedded_depth", "max_embedded_count",
      "max_compression_ratio", "isolation", "child_heap", "max_document_bytes");
  private static final Set<String> LOGGING = Set.of("dir", "level");
  private static final Set<String> SERVER = Set.of("bind", "port", "tls", "trusted_proxies");
  private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  /** {@code ${file:/run/secrets/db_password}}: the file's content, trimmed (Docker/Kubernetes secrets). */
  private static final Pattern FILE = Pattern.compile("\\$\\{file:([^}]+)}");

  private final Map<String, String> env;

  public ConfigLoader(Map<String, String> env) {
    this.env = env;
  }

  /** Loads {@code file}; with {@code required} false a missing file means all defaults. */
  public IngestionConfig load(Path file, boolean required) {
    Map<String, Object> tree;
    try {
      tree = parse(Files.readString(file), file);
    } catch (NoSuchFileException e) {
      if (required) {
        throw new ConfigException(file + ": configuration file not found");
      }
      tree = Map.of();
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
    try {
      return fromMap(tree, file);
    } catch (ConfigException e) {
      throw new ConfigException(file.getFileName() + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String yaml, Path file) {
    if (yaml.isBlank()) {
      return Map.of();
    }
    try {
      Object tree = new ObjectMapper(new YAMLFactory()).readValue(yaml, Object.class);
      if (tree == null) {
        return Map.of();
      }
      if (!(tree instanceof Map)) {
        throw new ConfigException(file + ": the top level must be key: value settings (database:, pipeline:, sources:)");
      }
      return (Map<String, Object>) tree;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      throw new ConfigException(file + ": not valid YAML" + where + ": " + e.getOriginalMessage());
    }
  }

  public IngestionConfig fromMap(Map<String, Object> tree, Path origin) {
    ConfigMap root = new ConfigMap("", substitute(tree));
    ConfigErrors errors = new ConfigErrors();
    errors.check(() -> root.rejectUnknown(TOP));
    ConfigMap logging = errors.read(() -> root.section("logging"), () -> ConfigMap.empty("logging"));
    errors.check(() -> logging.rejectUnknown(LOGGING));
    ConfigMap server = errors.read(() -> root.section("server"), () -> ConfigMap.empty("server"));
    errors.check(() -> server.rejectUnknown(SERVER));
    ConfigMap none = ConfigMap.empty("");
    DatabaseConfig database = errors.read(() -> database(root.section("database")),
        () -> database(ConfigMap.empty("database")));
    PipelineConfig pipeline = errors.read(() -> pipeline(root.section("pipeline")),
        () -> pipeline(ConfigMap.empty("pipeline")));
    List<Source> sources = sources(root, errors);
    Path logDir = Path.of(errors.read(() -> logging.string("dir", "logs"), () -> "logs"));
    String logLevel = errors.read(() -> logging.string("level", "info"), () -> "info");
    IngestionConfig.ServerConfig serverConfig = errors.read(() -> new IngestionConfig.ServerConfig(
        server.string("bind", "127.0.0.1"), server.integer("port", 8080, 0, 65535),
        SecurityConfigLoader.tls(server.section("tls")), SecurityConfigLoader.trustedProxies(server)), () -> null);
    var ops = errors.read(() -> OpsConfigLoader.load(root), () -> OpsConfigLoader.load(none));
    Map<String, Schedule> schedules = errors.read(() -> schedules(root), Map::of);
    EmbeddingConfig embeddings = errors.read(() -> embeddings(root.section("embeddings")), () -> EmbeddingConfig.OFF);
    var security = errors.read(() -> SecurityConfigLoader.security(root.section("security")),
        () -> SecurityConfigLoader.security(ConfigMap.empty("security")));
    List<Sink> sinks = errors.read(() -> Sinks.load(root.sections("sinks")), List::of);
    errors.throwIfAny();
    return new IngestionConfig(database, pipeline, sources, logDir, logLevel, serverConfig, ops, schedules,
        embeddings, origin, security, sinks);
  }

  /** {@code embeddings: {enabled: true}} turns the optional embedding stage on. */
  static EmbeddingConfig embeddings(ConfigMap e) {
    e.rejectUnknown(EMBEDDINGS);
    return new EmbeddingConfig(e.bool("enabled", false), e.string("model", null),
        e.integer("batch_size", EmbeddingConfig.OFF.batchSize(), 1, 1024));
  }

  static DatabaseConfig database(ConfigMap db) {
    db.rejectUnknown(DATABASE);
    ConfigMap pool = db.section("pool");
    pool.rejectUnknown(POOL);
    String url = db.string("url", DatabaseConfig.DEFAULT_URL);
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(db.field("url") + ": must start with jdbc:sqlite: (a file) or jdbc:postgresql://host:port/db, got '" + url + "'");
    }
    int min = pool.integer("min_connections", 5, 0, 1000);
    int max = pool.integer("max_connections", 50, 1, 1000);
    if (min > max) {
      throw new ConfigException(pool.field("min_connections") + ": " + min + " is more than max_connections " + max);
    }
    return new DatabaseConfig(url, db.string("user", null), db.string("password", null), min, max,
        pool.duration("connection_timeout", Duration.ofSeconds(5)), pool.duration("idle_timeout", Duration.ofSeconds(600)),
        db.duration("busy_timeout", Duration.ofSeconds(30)));
  }

  static PipelineConfig pipeline(ConfigMap p) {
    p.rejectUnknown(PIPELINE);
    PipelineConfig d = PipelineConfig.defaults();
    int size = p.integer("chunk_size", d.chunker().chunkSize(), 50, 1_000_000);
    int overlap = p.integer("chunk_overlap", d.chunker().chunkOverlap(), 0, 1_000_000);
    if (overlap >= size) {
      throw new ConfigException(p.field("chunk_overlap") + ": must be smaller than chunk_size (" + size + "), got " + overlap);
    }
    int minSize = p.integer("min_chunk_size", Math.min(d.chunker().minChunkSize(), size), 0, size);
    ConfigMap parse = p.section("parse");
    parse.rejectUnknown(PARSE);
    ParseLimits limits = new ParseLimits(
        parse.integer("max_chars", d.parseLimits().maxChars(), 1_000, Integer.MAX_VALUE - 8),
        parse.integer("max_embedded_depth", d.parseLimits().maxEmbeddedDepth(), 0, 100),
        parse.integer("max_embedded_count", d.parseLimits().maxEmbeddedCount(), 0, 1_000_000),
        parse.integer("max_compression_ratio", (int) d.parseLimits().maxCompressionRatio(), 1, 1_000_000),
        positive(parse, "timeout", d.parseLimits().timeout()),
        maxDocumentBytes(parse, d.parseLimits().maxDocumentBytes()));
    Duration lease = positive(p, "lease", d.lease());
    Duration heartbeat = positive(p, "heartbeat", d.heartbeat());
    if (heartbeat.compareTo(lease) >= 0) {
      throw new ConfigException(p.field("heartbeat") + ": must be shorter than lease (" + lease.toSeconds() + "s)");
    }
    int concurrency = concurrency(p);
    return new PipelineConfig(
        concurrency,
        new ChunkerConfig(size, overlap, minSize),
        limits,
        p.integer("max_attempts", d.maxAttempts(), 1, 100),
        positive(p, "retry_base_delay", d.retryBaseDelay()),
        positive(p, "retry_max_delay", d.retryMaxDelay()),
        lease, heartbeat,
        positive(p, "poll_interval", d.pollInterval()),
        shutdownGrace(p, d.drainTimeout()),
        p.integer("keep_versions", d.keepVersions(), 1, 10_000),
        isolation(parse, p, concurrency));
  }

  /** {@code shutdown_grace}; {@code drain_timeout} is its older name and still read. */
  private static Duration shutdownGrace(ConfigMap p, Duration fallback) {
    if (p.has("shutdown_grace") && p.has("drain_timeout")) {
      throw new ConfigException(p.field("drain_timeout") + ": is the older name of shutdown_grace; keep only shutdown_grace");
    }
    return p.has("drain_timeout") ? p.duration("drain_timeout", fallback) : p.duration("shutdown_grace", fallback);
  }

  private static long maxDocumentBytes(ConfigMap parse, long fallback) {
    long bytes = parse.bytes("max_document_bytes", fallback);
    if (bytes <= 0) {
      throw new ConfigException(parse.field("max_document_bytes") + ": must be more than zero (e.g. 100MB)");
    }
    return bytes;
  }

  private static IsolationConfig isolation(ConfigMap parse, ConfigMap p, int concurrency) {
    String mode = parse.string("isolation", "process");
    IsolationConfig.Mode m = switch (mode) {
      case "process" -> IsolationConfig.Mode.PROCESS;
      case "in_process" -> IsolationConfig.Mode.IN_PROCESS;
      default -> throw new ConfigException(parse.field("isolation") + ": must be process or in_process, got '" + mode + "'");
    };
    String heap = parse.string("child_heap", "512m");
    if (!heap.matches("\\d+[kKmMgG]")) {
      throw new ConfigException(parse.field("child_heap") + ": must look like 512m or 2g, got '" + heap + "'");
    }
    Path temp = Path.of(p.string("temp_dir", System.getProperty("java.io.tmpdir")));
    return new IsolationConfig(m, heap, IsolationConfig.childrenFor(concurrency), temp);
  }

  private static int concurrency(ConfigMap p) {
    String raw = p.string("concurrency", "auto");
    return "auto".equalsIgnoreCase(raw) ? PipelineConfig.defaultConcurrency() : p.integer("concurrency", 1, 1, 256);
  }

  private static Duration positive(ConfigMap m, String key, Duration fallback) {
    Duration d = m.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(m.field(key) + ": must be more than zero");
    }
    return d;
  }

  /** Each source on its own, so that the problems of every source are reported together. */
  private static List<Source> sources(ConfigMap root, ConfigErrors errors) {
    Map<String, SourceFactory> factories = new HashMap<>();
    for (SourceFactory f : ServiceLoader.load(SourceFactory.class)) {
      factories.put(f.type(), f);
    }
    List<Source> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigMap s : errors.read(() -> root.sections("sources"), List::<ConfigMap>of)) {
      Source source = errors.read(() -> source(s, names, factories), () -> null);
      if (source != null) {
        out.add(source);
      }
    }
    return out;
  }

  private static Source source(ConfigMap s, Set<String> names, Map<String, SourceFactory> factories) {
    String name = s.requiredString("name");
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new ConfigException(s.field("name") + ": use letters, digits, '_', '-' and '.', got '" + name + "'");
    }
    if (!names.add(name)) {
      throw new ConfigException(s.field("name") + ": another source is already called '" + name + "'");
    }
    String type = s.requiredString("type");
    SourceFactory factory = factories.get(type);
    if (factory == null) {
      throw new ConfigException(s.field("type") + ": unknown source type '" + type + "'; available: "
          + String.join(", ", factories.keySet().stream().sorted().toList()));
    }
    return factory.create(name, s);
  }

  /** {@code schedule: every 15m} on a source: when the API process syncs it. */
  static Map<String, Schedule> schedules(ConfigMap root) {
    Map<String, Schedule> out = new LinkedHashMap<>();
    for (ConfigMap s : root.sections("sources")) {
      String schedule = s.string("schedule", null);
      if (schedule != null) {
        out.put(s.requiredString("name"), Schedule.parse(s.field("schedule"), schedule));
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> substitute(Map<String, Object> tree) {
    Map<String, Object> out = new HashMap<>();
    tree.forEach((k, v) -> out.put(k, substituteValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Object substituteValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return substitute((Map<String, Object>) m);
    }
    if (v instanceof List<?> l) {
      return l.stream().map(this::substituteValue).toList();
    }
    if (v instanceof String s && s.contains("${file:")) {
      return fileSecrets(s);
    }
    if (v instanceof String s && s.contains("${")) {
      Matcher m = ENV.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String value = env.get(m.group(1));
        if (value == null) {
          value = m.group(2);
        }
        if (value == null) {
          throw new ConfigException("environment variable " + m.group(1) + " is referenced but not set");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(value));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    return v;
  }

  private static String fileSecrets(String s) {
    Matcher m = FILE.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      Path file = Path.of(m.group(1).trim());
      try {
        m.appendReplacement(sb, Matcher.quoteReplacement(Files.readString(file).trim()));
      } catch (IOException e) {
        throw new ConfigException("secret file " + file + " referenced as ${file:...} cannot be read: " + e.getMessage());
      }
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
