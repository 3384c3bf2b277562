package dev.ingestion.config;

import dev.ingestion.model.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * One setting of a section, declared once: its name, what kind of value it takes, its default, the checks
 * a value must pass and a sentence for people. Reading it from a section applies all of that; the
 * reference in docs/configuration.md is written from the same declaration.
 *
 * @param <T> the typed value
 */
public final class ConfigKey<T> {
  /** Reads the raw value of {@code key} from a section, giving {@code fallback} when it is absent. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(ConfigMap section, String key, T fallback);
  }

  /** A condition on a value; throws {@link ConfigException} naming {@code field} when it does not hold. */
  @FunctionalInterface
  public interface Check<T> {
    void check(String field, T value);
  }

  private final String name;
  private final String type;
  private final T defaultValue;
  private final String defaultText;
  private final String description;
  private final Reader<T> reader;
  private final List<Check<T>> checks = new ArrayList<>();
  private boolean computedDefault;

  ConfigKey(String name, String type, T defaultValue, String defaultText, String description, Reader<T> reader) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.description = description;
    this.reader = reader;
  }

  public String name() {
    return name;
  }

  /** What a value looks like, for people: {@code duration}, {@code whole number 1..100} ... */
  public String type() {
    return type;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** The default as written in the file (or how it is worked out); empty when there is none. */
  public String defaultText() {
    return defaultText;
  }

  public String description() {
    return description;
  }

  /** True when the default is worked out on the machine (a temp folder, a core count) rather than fixed. */
  public boolean computedDefault() {
    return computedDefault;
  }

  ConfigKey<T> computed() {
    computedDefault = true;
    return this;
  }

  /** This key's value in {@code section}: the default when absent, checked either way. */
  public T read(ConfigMap section) {
    return readOr(section, defaultValue);
  }

  /** As {@link #read} with a default worked out from other settings (e.g. a port that follows the protocol). */
  public T readOr(ConfigMap section, T fallback) {
    T value = reader.read(section, name, fallback);
    if (value != null) {
      for (Check<T> c : checks) {
        c.check(section.field(name), value);
      }
    }
    return value;
  }

  ConfigKey<T> check(Check<T> check) {
    checks.add(check);
    return this;
  }
}
