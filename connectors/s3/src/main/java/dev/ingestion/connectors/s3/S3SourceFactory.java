package dev.ingestion.connectors.s3;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceFactory;

/** Builds {@link S3Source}s from {@code type: s3} sections. */
public final class S3SourceFactory implements SourceFactory {
  public static final String TYPE = "s3";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ConfigDef definition() {
    return S3SourceConfig.DEF;
  }

  @Override
  public Source create(String name, ConfigMap config) {
    return new S3Source(name, S3SourceConfig.from(config));
  }
}
