package dev.ingestion.source;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** The keys every item of {@code sources:} has, whatever its type; each type declares the rest. */
public final class SourceKeys {
  private static final ConfigDef COMMON = new ConfigDef("sources[]", "Every source.");
  public static final ConfigKey<String> NAME = COMMON.required("name",
      "unique; letters, digits, '_', '-' and '.'; documents are known by it");
  public static final ConfigKey<String> TYPE = COMMON.required("type", "which kind of source this is");
  public static final ConfigKey<String> SCHEDULE = COMMON.string("schedule", null,
      "e.g. every 15m: `ingestion api`/`serve` sync it on this schedule (omit: on demand only)");

  private SourceKeys() {}

  /** The declaration of a source of type {@code type}: the common keys, then its own. */
  public static ConfigDef define(String type, String description) {
    return new ConfigDef("sources[] type: " + type, description).include(COMMON);
  }

  /** The declarations of every source type on the class path. */
  public static List<ConfigDef> kinds() {
    List<ConfigDef> out = new ArrayList<>();
    for (SourceFactory f : ServiceLoader.load(SourceFactory.class)) {
      out.add(f.definition());
    }
    out.sort(Comparator.comparing(ConfigDef::path));
    return out;
  }
}
