package dev.ingestion.sink;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/** Builds the {@code sinks:} section's sinks with the factories found on the class path. */
public final class Sinks {
  private Sinks() {}

  public static List<Sink> load(List<ConfigMap> sections) {
    Map<String, SinkFactory> factories = new HashMap<>();
    for (SinkFactory f : ServiceLoader.load(SinkFactory.class)) {
      factories.put(f.type(), f);
    }
    List<Sink> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ConfigMap s : sections) {
      SinkConfig common = common(s);
      if (!names.add(common.name())) {
        throw new ConfigException(s.field("name") + ": another sink is already called '" + common.name() + "'");
      }
      SinkFactory factory = factories.get(common.type());
      if (factory == null) {
        throw new ConfigException(s.field("type") + ": unknown sink type '" + common.type() + "'; available: "
            + (factories.isEmpty() ? "none (the distribution ships ingestion-sinks in lib/)"
                : String.join(", ", factories.keySet().stream().sorted().toList())));
      }
      Set<String> allowed = new HashSet<>(SinkConfig.COMMON_KEYS);
      allowed.addAll(factory.keys());
      s.rejectUnknown(allowed);
      out.add(factory.create(common, s));
    }
    return out;
  }

  static SinkConfig common(ConfigMap s) {
    String name = s.requiredString("name");
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new ConfigException(s.field("name") + ": use letters, digits, '_', '-' and '.', starting with a letter or"
          + " digit, got '" + name + "'");
    }
    SinkConfig d = SinkConfig.defaults(name, s.requiredString("type"));
    return new SinkConfig(name, d.type(), s.integer("batch_size", d.batchSize(), 1, 10_000),
        positive(s, "poll_interval", d.pollInterval()), positive(s, "max_backoff", d.maxBackoff()),
        s.integer("alert_lag", (int) d.alertLag(), 1, Integer.MAX_VALUE),
        s.integer("alert_rejected", (int) d.alertRejected(), 1, Integer.MAX_VALUE));
  }

  private static Duration positive(ConfigMap m, String key, Duration fallback) {
    Duration d = m.duration(key, fallback);
    if (d.isZero() || d.isNegative()) {
      throw new ConfigException(m.field(key) + ": must be more than zero");
    }
    return d;
  }
}
