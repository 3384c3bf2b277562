package dev.ingestion.sink;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;

/**
 * Creates sinks of one type from their configuration section. Found with {@link java.util.ServiceLoader};
 * each sink module registers its factory in META-INF/services.
 */
public interface SinkFactory {
  /** The {@code type:} value in the configuration, e.g. {@code opensearch}. */
  String type();

  /** The keys of this type's section, the common ones included ({@link SinkConfig#define}). */
  ConfigDef definition();

  /** Validates the type's settings in {@code section} (errors name the field) and builds the sink. */
  Sink create(SinkConfig common, ConfigMap section);
}
