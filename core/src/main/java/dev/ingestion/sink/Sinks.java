package dev.ingestion.sink;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.util.ArrayList;
import java.util.Comparator;
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
      factory.definition().rejectUnknown(s);
      out.add(factory.create(common, s));
    }
    return out;
  }

  static SinkConfig common(ConfigMap s) {
    String name = SinkConfig.NAME.read(s);
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new ConfigException(s.field("name") + ": use letters, digits, '_', '-' and '.', starting with a letter or"
          + " digit, got '" + name + "'");
    }
    return new SinkConfig(name, SinkConfig.TYPE.read(s), SinkConfig.BATCH_SIZE.read(s),
        SinkConfig.POLL_INTERVAL.read(s), SinkConfig.MAX_BACKOFF.read(s), SinkConfig.ALERT_LAG.read(s),
        SinkConfig.ALERT_REJECTED.read(s));
  }

  /** The declarations of every sink type on the class path. */
  public static List<ConfigDef> kinds() {
    List<ConfigDef> out = new ArrayList<>();
    for (SinkFactory f : ServiceLoader.load(SinkFactory.class)) {
      out.add(f.definition());
    }
    out.sort(Comparator.comparing(ConfigDef::path));
    return out;
  }
}
