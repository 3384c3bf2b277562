package dev.ingestion.source;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;

/**
 * Creates sources of one type from their configuration section. Found with {@link
 * java.util.ServiceLoader}; each connector module registers its factory in META-INF/services.
 */
public interface SourceFactory {
  /** The {@code type:} value in the configuration, e.g. {@code filesystem}, {@code s3}. */
  String type();

  /** The keys of this type's section, declared ({@link SourceKeys#define}). */
  ConfigDef definition();

  /** Validates the section (errors name the field) and builds the source. */
  Source create(String name, ConfigMap config);
}
