package dev.ingestion.connectors.sharepoint;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceFactory;

/** Builds {@link SharePointSource}s from {@code type: sharepoint} sections. */
public final class SharePointSourceFactory implements SourceFactory {
  public static final String TYPE = "sharepoint";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ConfigDef definition() {
    return SharePointSourceConfig.DEF;
  }

  @Override
  public Source create(String name, ConfigMap config) {
    return new SharePointSource(name, SharePointSourceConfig.from(config));
  }
}
