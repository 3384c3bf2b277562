package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import dev.ingestion.model.InvalidInputException;
import dev.ingestion.security.IpRange;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.server.TlsConfig;
import dev.ingestion.store.DatabaseConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code security:} (throttling, first admin key file, security alerts), {@code server.tls} and
 * {@code server.trusted_proxies}.
 */
public final class SecurityConfigLoader {
  private static final Set<String> SECURITY = Set.of("admin_key_file", "auth_failures", "alerts");
  private static final Set<String> FAILURES = Set.of("max_failures", "window", "throttle_for");
  private static final Set<String> ALERTS = Set.of("failed_authentications", "suspicious_requests", "window");
  private static final Set<String> TLS = Set.of("keystore", "keystore_password", "certificate", "private_key");

  private SecurityConfigLoader() {}

  static SecurityConfig security(ConfigMap m) {
    m.rejectUnknown(SECURITY);
    SecurityConfig d = SecurityConfig.defaults(Path.of("data"));
    ConfigMap f = m.section("auth_failures");
    f.rejectUnknown(FAILURES);
    ConfigMap a = m.section("alerts");
    a.rejectUnknown(ALERTS);
    return new SecurityConfig(f.integer("max_failures", d.maxFailures(), 1, 1_000_000),
        positive(f, "window", d.failureWindow()), positive(f, "throttle_for", d.throttleFor()),
        m.has("admin_key_file") ? Path.of(m.requiredString("admin_key_file")) : null,
        a.integer("failed_authentications", d.alertFailedAuths(), 1, 1_000_000),
        a.integer("suspicious_requests", d.alertSuspicious(), 1, 1_000_000), positive(a, "window", d.alertWindow()));
  }

  /** Where the first admin key goes unless security.admin_key_file says: beside the SQLite database, else ./data. */
  public static Path defaultAdminKeyFile(DatabaseConfig db) {
    return dataDir(db).resolve("admin-api-key");
  }

  private static Path dataDir(DatabaseConfig db) {
    if (db.isSqlite()) {
      Path parent = Path.of(db.sqlitePath()).toAbsolutePath().getParent();
      return parent == null ? Path.of("data") : parent;
    }
    return Path.of("data");
  }

  /** {@code server.trusted_proxies}: addresses or CIDR ranges of the proxies whose X-Forwarded-For is believed. */
  static List<IpRange> trustedProxies(ConfigMap server) {
    List<IpRange> out = new ArrayList<>();
    for (String text : server.strings("trusted_proxies", List.of())) {
      try {
        out.add(IpRange.parse(text));
      } catch (InvalidInputException e) {
        throw new ConfigException(server.field("trusted_proxies") + ": " + e.getMessage()
            + "; list the addresses or CIDR ranges of your reverse proxies, e.g. [10.0.0.0/8]");
      }
    }
    return out;
  }

  static TlsConfig tls(ConfigMap m) {
    m.rejectUnknown(TLS);
    Path keystore = path(m, "keystore");
    Path certificate = path(m, "certificate");
    Path key = path(m, "private_key");
    if (keystore != null && (certificate != null || key != null)) {
      throw new ConfigException(m.path() + ": give either keystore (PKCS12) or certificate + private_key (PEM), not both");
    }
    if ((certificate == null) != (key == null)) {
      throw new ConfigException(m.field(certificate == null ? "certificate" : "private_key")
          + ": PEM needs both certificate and private_key");
    }
    if (keystore == null && m.has("keystore_password")) {
      throw new ConfigException(m.field("keystore_password") + ": only used with keystore");
    }
    return new TlsConfig(keystore, m.string("keystore_password", null), certificate, key);
  }

  private static Path path(ConfigMap m, String key) {
    String v = m.string(key, null);
    return v == null || v.isBlank() ? null : Path.of(v);
  }

  private static Duration positive(ConfigMap m, String key, Duration fallback) {
    Duration d = m.duration(key, fallback);
    if (d.isNegative() || d.isZero()) {
      throw new ConfigException(m.field(key) + ": must be more than zero");
    }
    return d;
  }
}
