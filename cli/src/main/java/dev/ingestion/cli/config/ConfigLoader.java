package dev.ingestion.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.ops.sources.Schedule;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineKeys;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.Sinks;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceFactory;
import dev.ingestion.source.SourceKeys;
import dev.ingestion.store.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
  /** The top level of the file; every section below is declared where its values are read. */
  public static final ConfigDef ROOT = new ConfigDef("", "The file's sections.");

  static {
    ROOT.section("database", DatabaseConfig.DEF);
    ROOT.section("pipeline", PipelineKeys.DEF);
    ROOT.sections("sources", "Where documents come from: a list, each with a name and a type.", SourceKeys.kinds());
  }

  private static final ConfigDef LOGGING = ROOT.section("logging", new ConfigDef("logging", "Log files."));
  private static final ConfigKey<String> LOG_DIR = LOGGING.string("dir", "logs",
      "application.log and error.log, rotated");
  private static final ConfigKey<String> LOG_LEVEL = LOGGING.string("level", "info", "trace, debug, info, warn or error");
  private static final ConfigDef EMBEDDINGS = ROOT.section("embeddings", new ConfigDef("embeddings",
      "The optional embedding stage: vectors with each chunk (docs/delivery.md)."));
  private static final ConfigKey<Boolean> EMBED = EMBEDDINGS.bool("enabled", EmbeddingConfig.OFF.enabled(),
      "true: embed chunks in-process");
  private static final ConfigKey<String> MODEL = EMBEDDINGS.string("model", null,
      "the embedding model; default: the only one on the class path (all-MiniLM-L6-v2)");
  private static final ConfigKey<Integer> BATCH_SIZE = EMBEDDINGS.integer("batch_size",
      EmbeddingConfig.OFF.batchSize(), 1, 1024, "texts per model call");

  static {
    ROOT.sections("sinks", "Where the chunk change feed is written (docs/delivery.md): a list, each with a name and"
        + " a type.", Sinks.kinds());
  }

  private static final ConfigDef SERVER = ROOT.section("server", new ConfigDef("server", "The HTTP API and console."));
  private static final ConfigKey<String> BIND = SERVER.string("bind", "127.0.0.1", "address to listen on");
  private static final ConfigKey<Integer> PORT = SERVER.integer("port", 8080, 0, 65535, "0: any free port");
  private static final ConfigKey<List<String>> TRUSTED_PROXIES = SERVER.strings("trusted_proxies", List.of(),
      "addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client");

  static {
    SERVER.section("tls", SecurityConfigLoader.TLS);
    OpsConfigLoader.declare(ROOT);
    ROOT.section("security", SecurityConfigLoader.SECURITY);
  }

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
    errors.check(() -> ROOT.rejectUnknown(root));
    ConfigMap logging = errors.read(() -> root.section("logging"), () -> ConfigMap.empty("logging"));
    errors.check(() -> LOGGING.rejectUnknown(logging));
    ConfigMap server = errors.read(() -> root.section("server"), () -> ConfigMap.empty("server"));
    errors.check(() -> SERVER.rejectUnknown(server));
    ConfigMap none = ConfigMap.empty("");
    DatabaseConfig database = errors.read(() -> DatabaseConfig.from(root.section("database")),
        () -> DatabaseConfig.from(ConfigMap.empty("database")));
    PipelineConfig pipeline = errors.read(() -> PipelineKeys.read(root.section("pipeline")),
        PipelineConfig::defaults);
    List<Source> sources = sources(root, errors);
    Path logDir = Path.of(errors.read(() -> LOG_DIR.read(logging), LOG_DIR::defaultValue));
    String logLevel = errors.read(() -> LOG_LEVEL.read(logging), LOG_LEVEL::defaultValue);
    IngestionConfig.ServerConfig serverConfig = errors.read(() -> new IngestionConfig.ServerConfig(
        BIND.read(server), PORT.read(server),
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
    EMBEDDINGS.rejectUnknown(e);
    return new EmbeddingConfig(EMBED.read(e), MODEL.read(e), BATCH_SIZE.read(e));
  }

  /** {@code server.trusted_proxies}: the proxies whose X-Forwarded-For is believed. */
  static List<String> trustedProxies(ConfigMap server) {
    return TRUSTED_PROXIES.read(server);
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
    String name = SourceKeys.NAME.read(s);
    if (!name.matches("[A-Za-z0-9_.-]+")) {
      throw new ConfigException(s.field("name") + ": use letters, digits, '_', '-' and '.', got '" + name + "'");
    }
    if (!names.add(name)) {
      throw new ConfigException(s.field("name") + ": another source is already called '" + name + "'");
    }
    String type = SourceKeys.TYPE.read(s);
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
      String schedule = SourceKeys.SCHEDULE.read(s);
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
