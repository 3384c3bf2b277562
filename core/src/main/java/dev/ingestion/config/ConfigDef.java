package dev.ingestion.config;

import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The declared settings of one section of the configuration file: its keys in the order people read them,
 * and its subsections. A section's allowed keys (and so the "unknown setting, did you mean" errors), its
 * defaults and its reference documentation all come from here; adding a setting means declaring it here
 * and using its value.
 */
public final class ConfigDef {
  /** A nested section ({@code pipeline.parse}), or a list of them ({@code sources}) of one or more kinds. */
  public record Subsection(String name, String description, boolean list, List<ConfigDef> kinds) {
    public Subsection {
      kinds = List.copyOf(kinds);
    }
  }

  private final String path;
  private final String description;
  private final List<ConfigKey<?>> keys = new ArrayList<>();
  private final List<Subsection> subsections = new ArrayList<>();
  private final Set<String> names = new LinkedHashSet<>();

  public ConfigDef(String path, String description) {
    this.path = path;
    this.description = description;
  }

  /** Where the section sits in the file, e.g. {@code pipeline.parse}; a kind of list item says its type. */
  public String path() {
    return path;
  }

  public String description() {
    return description;
  }

  public List<ConfigKey<?>> keys() {
    return List.copyOf(keys);
  }

  public List<Subsection> subsections() {
    return List.copyOf(subsections);
  }

  /** Every key and subsection name this section accepts. */
  public Set<String> names() {
    return Set.copyOf(names);
  }

  /** Fails on a key this section does not declare, suggesting the closest declared one. */
  public void rejectUnknown(ConfigMap section) {
    section.rejectUnknown(names);
  }

  /** A section whose keys are {@code names}, all optional text of one kind (one per severity, say). */
  public static ConfigDef alike(String path, String description, List<String> names, String type) {
    return alike(path, description, names, type, name -> null);
  }

  /** As {@link #alike(String, String, List, String)}, each key's default given by {@code defaults}. */
  public static ConfigDef alike(String path, String description, List<String> names, String type,
      UnaryOperator<String> defaults) {
    ConfigDef def = new ConfigDef(path, description);
    for (String name : names) {
      String fallback = defaults.apply(name);
      def.add(new ConfigKey<>(name, type, fallback, fallback == null ? "" : fallback, "", ConfigMap::string));
    }
    return def;
  }

  /** The keys of {@code other} (e.g. the name, type and schedule every source has) declared here too. */
  public ConfigDef include(ConfigDef other) {
    other.keys.forEach(this::add);
    other.subsections.forEach(s -> addSubsection(s));
    return this;
  }

  public ConfigDef section(String name, ConfigDef child) {
    addSubsection(new Subsection(name, child.description(), false, List.of(child)));
    return child;
  }

  /** A list of sections, each one of {@code kinds} (a source per type, say). */
  public void sections(String name, String description, List<ConfigDef> kinds) {
    addSubsection(new Subsection(name, description, true, kinds));
  }

  public ConfigKey<String> string(String name, String fallback, String description) {
    return add(new ConfigKey<>(name, "text", fallback, fallback == null ? "" : fallback, description, ConfigMap::string));
  }

  /** A text setting that must be present and not empty. */
  public ConfigKey<String> required(String name, String description) {
    return add(new ConfigKey<>(name, "text, required", null, "", description, (m, k, f) -> m.requiredString(k)));
  }

  /** A setting whose default is worked out at run time; {@code defaultText} says how. */
  public ConfigKey<String> string(String name, String fallback, String defaultText, String description) {
    return add(new ConfigKey<>(name, "text", fallback, defaultText, description, ConfigMap::string)).computed();
  }

  public ConfigKey<Integer> integer(String name, int fallback, int min, int max, String description) {
    return add(new ConfigKey<>(name, "whole number " + min + ".." + max, fallback, Integer.toString(fallback),
        description, (m, k, f) -> m.integer(k, f, min, max)));
  }

  /** A whole number whose default is worked out from other settings, as {@code defaultText} says. */
  public ConfigKey<Integer> integer(String name, int min, int max, String defaultText, String description) {
    ConfigKey.Reader<Integer> reader = (m, k, f) -> m.has(k) || f != null ? m.integer(k, f == null ? min : f, min, max)
        : null;
    return add(new ConfigKey<>(name, "whole number " + min + ".." + max, null, defaultText, description, reader))
        .computed();
  }

  public ConfigKey<Boolean> bool(String name, boolean fallback, String description) {
    return add(new ConfigKey<>(name, "true/false", fallback, Boolean.toString(fallback), description, ConfigMap::bool));
  }

  /** A duration (a bare number means seconds) that may be zero. */
  public ConfigKey<Duration> duration(String name, Duration fallback, String description) {
    return add(new ConfigKey<>(name, "duration", fallback, fallback == null ? "" : Units.format(fallback), description,
        ConfigMap::duration));
  }

  /** A duration that must be more than zero. */
  public ConfigKey<Duration> positiveDuration(String name, Duration fallback, String description) {
    return positiveDuration(name, fallback, "", description);
  }

  /** A duration that must be more than zero; {@code hint} (e.g. {@code ", e.g. 24h"}) ends the error. */
  public ConfigKey<Duration> positiveDuration(String name, Duration fallback, String hint, String description) {
    return duration(name, fallback, description).check((field, d) -> {
      if (d.isZero() || d.isNegative()) {
        throw new ConfigException(field + ": must be more than zero" + hint);
      }
    });
  }

  /** A size in bytes: 1048576, 500KB, 100MB, 2GB. */
  public ConfigKey<Long> size(String name, long fallback, String description) {
    return add(new ConfigKey<>(name, "size", fallback, Units.formatBytes(fallback), description, ConfigMap::bytes));
  }

  /** A size in bytes that must be more than zero. */
  public ConfigKey<Long> positiveSize(String name, long fallback, String description) {
    return size(name, fallback, description).check((field, bytes) -> {
          if (bytes <= 0) {
            throw new ConfigException(field + ": must be more than zero (e.g. 100MB)");
          }
        });
  }

  /** A percentage 0-100, written 5 or 5%. */
  public ConfigKey<Double> percent(String name, double fallback, String description) {
    String text = fallback == Math.rint(fallback) ? Long.toString((long) fallback) : Double.toString(fallback);
    return add(new ConfigKey<>(name, "percentage", fallback, text, description, ConfigMap::percent));
  }

  public ConfigKey<List<String>> strings(String name, List<String> fallback, String description) {
    String text = fallback == null ? "" : fallback.isEmpty() ? "[]" : "[" + String.join(", ", fallback) + "]";
    return add(new ConfigKey<>(name, "list", fallback, text, description, ConfigMap::strings));
  }

  /** A setting of another kind ({@code type} says which), read by {@code reader}. */
  public <T> ConfigKey<T> other(String name, String type, T fallback, String defaultText, String description,
      ConfigKey.Reader<T> reader) {
    return add(new ConfigKey<>(name, type, fallback, defaultText, description, reader));
  }

  private <T> ConfigKey<T> add(ConfigKey<T> key) {
    if (!names.add(key.name())) {
      throw new IllegalStateException(path + "." + key.name() + " is declared twice");
    }
    keys.add(key);
    return key;
  }

  private void addSubsection(Subsection s) {
    if (!names.add(s.name())) {
      throw new IllegalStateException(path + "." + s.name() + " is declared twice");
    }
    subsections.add(s);
  }
}
