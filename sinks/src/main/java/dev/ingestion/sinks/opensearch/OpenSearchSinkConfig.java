package dev.ingestion.sinks.opensearch;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.sinks.http.HttpTarget;
import dev.ingestion.sinks.http.HttpTargetKeys;
import java.net.URI;

/**
 * An OpenSearch or Elasticsearch target: the cluster (URL, credentials: user and password or an API key,
 * both usually {@code ${ENV}} references, CA certificate, timeout), the index, and the vector dimensions
 * ({@code 0}: vectors are not sent).
 */
public record OpenSearchSinkConfig(HttpTarget target, String index, int dimensions) {
  static final ConfigDef DEF = SinkConfig.define("opensearch", "An OpenSearch or Elasticsearch index, written with"
      + " the REST Bulk API.");
  private static final HttpTargetKeys HTTP = new HttpTargetKeys(DEF, "opensearch", "http://127.0.0.1:9200",
      "${OPENSEARCH_PASSWORD}");
  private static final ConfigKey<String> INDEX = DEF.required("index", "the index chunks are written to");
  private static final ConfigKey<String> API_KEY = DEF.string("api_key", null,
      "an Elasticsearch API key (base64), instead of username/password");
  private static final ConfigKey<Integer> DIMENSIONS = DEF.integer("dimensions", 0, 0, 16_000,
      "vector dimensions of the index; 0: vectors are not sent");

  static OpenSearchSinkConfig from(ConfigMap s) {
    URI url = HTTP.url(s);
    String index = INDEX.read(s);
    if (!index.matches("[a-z0-9][a-z0-9_.-]*") || index.length() > 200) {
      throw new ConfigException(s.field("index") + ": an index name is lower case letters, digits, '_', '-' and '.',"
          + " not starting with '_', '-' or '.'; got '" + index + "'");
    }
    HttpTargetKeys.Credentials basic = HTTP.credentials(s);
    String apiKey = API_KEY.read(s);
    if (apiKey != null && basic.username() != null) {
      throw new ConfigException(s.field("api_key") + ": use either api_key or username/password, not both");
    }
    String authorization = apiKey != null ? "ApiKey " + apiKey : HttpTarget.basic(basic.username(), basic.password());
    return new OpenSearchSinkConfig(new HttpTarget(url, HTTP.timeout(s), HTTP.caFile(s), authorization), index,
        DIMENSIONS.read(s));
  }

  public URI url() {
    return target.url();
  }
}
