package dev.ingestion.source.jdbc;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceFactory;
import java.time.Clock;

/** Builds {@link JdbcSource}s from {@code type: jdbc} sections. */
public final class JdbcSourceFactory implements SourceFactory {
  public static final String TYPE = "jdbc";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ConfigDef definition() {
    return JdbcSourceConfig.DEF;
  }

  @Override
  public Source create(String name, ConfigMap config) {
    return new JdbcSource(name, JdbcSourceConfig.from(config), Clock.systemUTC());
  }
}
