package dev.ingestion.sinks.http;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The keys every HTTP sink takes, declared into its type's {@link ConfigDef}: {@code url},
 * {@code username}/{@code password} (HTTP basic, usually {@code ${ENV}} references), {@code timeout} and
 * {@code tls.ca_file}. {@link #read} validates them; errors name the field and say what to write.
 */
public final class HttpTargetKeys {
  private final String example;
  private final ConfigKey<String> url;
  private final ConfigKey<String> username;
  private final ConfigKey<String> password;
  private final ConfigKey<Duration> timeout;
  private final ConfigDef tls;
  private final ConfigKey<String> caFile;

  /** Credentials as written: both null when none. */
  public record Credentials(String username, String password) {}

  public HttpTargetKeys(ConfigDef def, String type, String example, String passwordExample) {
    this.example = example;
    url = def.required("url", "the server, e.g. " + example);
    username = def.string("username", null, "HTTP basic user, with password");
    password = def.string("password", null, "e.g. " + passwordExample);
    timeout = def.positiveDuration("timeout", Duration.ofSeconds(30), "per request");
    tls = def.section("tls", new ConfigDef("sinks[].tls (type: " + type + ")", "TLS to the server."));
    caFile = tls.string("ca_file", null, "a PEM file with the CA certificate that signed the server's");
  }

  /** The server's address; errors name {@code url}. */
  public URI url(ConfigMap s) {
    String raw = url.read(s);
    try {
      URI u = URI.create(raw);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new IllegalArgumentException("not http(s)");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(s.field("url") + ": expected the server's address such as " + example
          + ", got '" + raw + "'");
    }
  }

  public Credentials credentials(ConfigMap s) {
    String user = username.read(s);
    String pass = password.read(s);
    if ((user == null) != (pass == null)) {
      throw new ConfigException(s.field(user == null ? "username" : "password") + ": username and password go together;"
          + " set both (e.g. password: ${SEARCH_PASSWORD}) or neither");
    }
    return new Credentials(user, pass);
  }

  public Duration timeout(ConfigMap s) {
    return timeout.read(s);
  }

  /** The CA certificate file of {@code tls.ca_file}, null when not set; it must be readable. */
  public Path caFile(ConfigMap s) {
    ConfigMap section = s.section("tls");
    tls.rejectUnknown(section);
    String file = caFile.read(section);
    if (file == null) {
      return null;
    }
    Path ca = Path.of(file);
    if (!Files.isReadable(ca)) {
      throw new ConfigException(section.field("ca_file") + ": cannot read " + ca + " (a PEM file with the CA certificate)");
    }
    return ca;
  }
}
