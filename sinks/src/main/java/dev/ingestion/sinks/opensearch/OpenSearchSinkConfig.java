package dev.ingestion.sinks.opensearch;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.sink.SinkConfig;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An OpenSearch or Elasticsearch target: the cluster's URL, the index, credentials (user and password,
 * or an API key; both usually {@code ${ENV}} references), a CA certificate for TLS, the request timeout,
 * and the vector dimensions ({@code 0}: vectors are not sent).
 */
public record OpenSearchSinkConfig(URI url, String index, String username, String password, String apiKey,
    Path caFile, Duration timeout, int dimensions) {
  static final ConfigDef DEF = SinkConfig.define("opensearch", "An OpenSearch or Elasticsearch index, written with"
      + " the REST Bulk API.");
  private static final ConfigKey<String> URL = DEF.required("url", "the cluster, e.g. http://127.0.0.1:9200");
  private static final ConfigKey<String> INDEX = DEF.required("index", "the index chunks are written to");
  private static final ConfigKey<String> USERNAME = DEF.string("username", null, "with password; or api_key");
  private static final ConfigKey<String> PASSWORD = DEF.string("password", null, "e.g. ${OPENSEARCH_PASSWORD}");
  private static final ConfigKey<String> API_KEY = DEF.string("api_key", null, "instead of username/password");
  private static final ConfigKey<Duration> TIMEOUT = DEF.positiveDuration("timeout", Duration.ofSeconds(30),
      "per request");
  private static final ConfigKey<Integer> DIMENSIONS = DEF.integer("dimensions", 0, 0, 16_000,
      "vector dimensions of the index; 0: vectors are not sent");
  private static final ConfigDef TLS = DEF.section("tls", new ConfigDef("sinks[].tls (type: opensearch)",
      "TLS to the cluster."));
  private static final ConfigKey<String> CA_FILE = TLS.string("ca_file", null,
      "a PEM file with the CA certificate that signed the cluster's");

  public OpenSearchSinkConfig {
    if (url.getPath() != null && url.getPath().endsWith("/")) {
      url = URI.create(url.toString().replaceAll("/+$", ""));
    }
  }

  static OpenSearchSinkConfig from(ConfigMap s) {
    URI url = url(s);
    String index = INDEX.read(s);
    if (!index.matches("[a-z0-9][a-z0-9_.-]*") || index.length() > 200) {
      throw new ConfigException(s.field("index") + ": an index name is lower case letters, digits, '_', '-' and '.',"
          + " not starting with '_', '-' or '.'; got '" + index + "'");
    }
    String user = USERNAME.read(s);
    String password = PASSWORD.read(s);
    String apiKey = API_KEY.read(s);
    if ((user == null) != (password == null)) {
      throw new ConfigException(s.field(user == null ? "username" : "password") + ": username and password go together;"
          + " set both (e.g. password: ${OPENSEARCH_PASSWORD}) or neither");
    }
    if (apiKey != null && user != null) {
      throw new ConfigException(s.field("api_key") + ": use either api_key or username/password, not both");
    }
    ConfigMap tls = s.section("tls");
    TLS.rejectUnknown(tls);
    String caFile = CA_FILE.read(tls);
    Path ca = caFile == null ? null : Path.of(tls.requiredString("ca_file"));
    if (ca != null && !Files.isReadable(ca)) {
      throw new ConfigException(tls.field("ca_file") + ": cannot read " + ca + " (a PEM file with the CA certificate)");
    }
    return new OpenSearchSinkConfig(url, index, user, password, apiKey, ca, TIMEOUT.read(s), DIMENSIONS.read(s));
  }

  private static URI url(ConfigMap s) {
    String raw = URL.read(s);
    try {
      URI u = URI.create(raw);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(s.field("url") + ": expected the cluster's address such as http://127.0.0.1:9200 or"
          + " https://search.example.com, got '" + raw + "'");
    }
  }

  @Override
  public String toString() {
    return "OpenSearchSinkConfig[url=" + url + ", index=" + index + ", username=" + username + ", credentials="
        + (password != null || apiKey != null ? "set" : "none") + ", caFile=" + caFile + ", timeout=" + timeout
        + ", dimensions=" + dimensions + "]";
  }
}
