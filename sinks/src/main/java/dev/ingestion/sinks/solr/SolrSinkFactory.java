package dev.ingestion.sinks.solr;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sink.SinkFactory;

/** {@code type: solr}: an Apache Solr core or collection, written with the JSON update API. */
public final class SolrSinkFactory implements SinkFactory {
  @Override
  public String type() {
    return "solr";
  }

  @Override
  public ConfigDef definition() {
    return SolrSinkConfig.DEF;
  }

  @Override
  public Sink create(SinkConfig common, ConfigMap section) {
    return new SolrSink(common, SolrSinkConfig.from(section));
  }
}
