package dev.ingestion.cli.config;

import dev.ingestion.model.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the problems of a configuration file so that one run reports all of them: each section (and
 * each source) is read on its own, and a section that fails stands in with its defaults until the end.
 */
final class ConfigErrors {
  private final List<String> messages = new ArrayList<>();

  /** The section {@code reader} builds, or {@code fallback}'s after recording why it failed. */
  <T> T read(Supplier<T> reader, Supplier<T> fallback) {
    try {
      return reader.get();
    } catch (ConfigException e) {
      messages.add(e.getMessage());
      return fallback.get();
    }
  }

  void check(Runnable validation) {
    try {
      validation.run();
    } catch (ConfigException e) {
      messages.add(e.getMessage());
    }
  }

  /** Throws one exception naming every problem found, if there was any. */
  void throwIfAny() {
    if (messages.size() == 1) {
      throw new ConfigException(messages.get(0));
    }
    if (!messages.isEmpty()) {
      throw new ConfigException(messages.size() + " problems:\n  " + String.join("\n  ", messages));
    }
  }
}
