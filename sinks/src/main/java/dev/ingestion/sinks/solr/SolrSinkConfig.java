package dev.ingestion.sinks.solr;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sinks.http.HttpTarget;
import dev.ingestion.sinks.http.HttpTargetKeys;
import java.net.URI;

/**
 * An Apache Solr target: the node's base URL (the one ending in {@code /solr}), the core or collection,
 * HTTP basic credentials (usually {@code ${ENV}} references), a CA certificate, the request timeout, and
 * the vector dimensions ({@code 0}: vectors are not sent).
 */
public record SolrSinkConfig(HttpTarget target, String collection, int dimensions) {
  static final ConfigDef DEF = SinkConfig.define("solr", "An Apache Solr core or collection, written with the JSON"
      + " update API; fields are added with the Schema API when missing.");
  private static final HttpTargetKeys HTTP = new HttpTargetKeys(DEF, "solr", "http://127.0.0.1:8983/solr",
      "${SOLR_PASSWORD}");
  private static final ConfigKey<String> COLLECTION = DEF.required("collection",
      "the core (standalone) or collection (SolrCloud) chunks are written to; it must exist");
  private static final ConfigKey<Integer> DIMENSIONS = DEF.integer("dimensions", 0, 0, 4_096,
      "vector dimensions (a DenseVectorField, cosine); 0: vectors are not sent");

  static SolrSinkConfig from(ConfigMap s) {
    URI url = HTTP.url(s);
    String collection = COLLECTION.read(s);
    if (!collection.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*") || collection.length() > 200) {
      throw new ConfigException(s.field("collection") + ": a core or collection name is letters, digits, '_', '-'"
          + " and '.', not starting with '-' or '.'; got '" + collection + "'");
    }
    HttpTargetKeys.Credentials basic = HTTP.credentials(s);
    return new SolrSinkConfig(new HttpTarget(url, HTTP.timeout(s), HTTP.caFile(s),
        HttpTarget.basic(basic.username(), basic.password())), collection, DIMENSIONS.read(s));
  }

  public URI url() {
    return target.url();
  }
}
