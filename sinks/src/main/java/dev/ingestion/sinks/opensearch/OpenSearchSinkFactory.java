package dev.ingestion.sinks.opensearch;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sink.SinkFactory;

/** {@code type: opensearch}: an OpenSearch or Elasticsearch index, written with the REST Bulk API. */
public final class OpenSearchSinkFactory implements SinkFactory {
  @Override
  public String type() {
    return "opensearch";
  }

  @Override
  public ConfigDef definition() {
    return OpenSearchSinkConfig.DEF;
  }

  @Override
  public Sink create(SinkConfig common, ConfigMap section) {
    return new OpenSearchSink(common, OpenSearchSinkConfig.from(section));
  }
}
