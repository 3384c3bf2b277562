package dev.ingestion.sinks.opensearch;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * An OpenSearch or Elasticsearch target: the cluster's URL, the index, credentials (user and password,
 * or an API key; both usually {@code ${ENV}} references), a CA certificate for TLS, the request timeout,
 * and the vector dimensions ({@code 0}: vectors are not sent).
 */
public record OpenSearchSinkConfig(URI url, String index, String username, String password, String apiKey,
    Path caFile, Duration timeout, int dimensions) {
  static final Set<String> KEYS = Set.of("url", "index", "username", "password", "api_key", "tls", "timeout",
      "dimensions");
  private static final Set<String> TLS = Set.of("ca_file");

  public OpenSearchSinkConfig {
    if (url.getPath() != null && url.getPath().endsWith("/")) {
      url = URI.create(url.toString().replaceAll("/+$", ""));
    }
  }

  static OpenSearchSinkConfig from(ConfigMap s) {
    URI url = url(s);
    String index = s.requiredString("index");
    if (!index.matches("[a-z0-9][a-z0-9_.-]*") || index.length() > 200) {
      throw new ConfigException(s.field("index") + ": an index name is lower case letters, digits, '_', '-' and '.',"
          + " not starting with '_', '-' or '.'; got '" + index + "'");
    }
    String user = s.string("username", null);
    String password = s.string("password", null);
    String apiKey = s.string("api_key", null);
    if ((user == null) != (password == null)) {
      throw new ConfigException(s.field(user == null ? "username" : "password") + ": username and password go together;"
          + " set both (e.g. password: ${OPENSEARCH_PASSWORD}) or neither");
    }
    if (apiKey != null && user != null) {
      throw new ConfigException(s.field("api_key") + ": use either api_key or username/password, not both");
    }
    ConfigMap tls = s.section("tls");
    tls.rejectUnknown(TLS);
    Path ca = tls.has("ca_file") ? Path.of(tls.requiredString("ca_file")) : null;
    if (ca != null && !Files.isReadable(ca)) {
      throw new ConfigException(tls.field("ca_file") + ": cannot read " + ca + " (a PEM file with the CA certificate)");
    }
    Duration timeout = s.duration("timeout", Duration.ofSeconds(30));
    if (timeout.isZero() || timeout.isNegative()) {
      throw new ConfigException(s.field("timeout") + ": must be more than zero");
    }
    return new OpenSearchSinkConfig(url, index, user, password, apiKey, ca, timeout,
        s.integer("dimensions", 0, 0, 16_000));
  }

  private static URI url(ConfigMap s) {
    String raw = s.requiredString("url");
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
