package dev.ingestion.source.fs;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceFactory;

/** Builds {@link FileSystemSource}s from {@code type: filesystem} sections. */
public final class FileSystemSourceFactory implements SourceFactory {
  public static final String TYPE = "filesystem";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ConfigDef definition() {
    return FileSystemSourceConfig.DEF;
  }

  @Override
  public Source create(String name, ConfigMap config) {
    return new FileSystemSource(name, FileSystemSourceConfig.from(config));
  }
}
