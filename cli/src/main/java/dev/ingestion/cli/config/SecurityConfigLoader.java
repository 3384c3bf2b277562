package dev.ingestion.cli.config;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
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

/**
 * Reads {@code security:} (throttling, first admin key file, security alerts), {@code server.tls} and
 * {@code server.trusted_proxies}.
 */
public final class SecurityConfigLoader {
  private static final SecurityConfig D = SecurityConfig.defaults(Path.of("data"));
  static final ConfigDef SECURITY = new ConfigDef("security", "Throttling, the first admin key, security alerts.");
  private static final ConfigKey<String> ADMIN_KEY_FILE = SECURITY.string("admin_key_file", null,
      "beside the SQLite database, else ./data: admin-api-key", "where the first admin key is written");
  private static final ConfigDef FAILURES = SECURITY.section("auth_failures", new ConfigDef("security.auth_failures",
      "Throttling of a client that keeps failing to authenticate."));
  private static final ConfigKey<Integer> MAX_FAILURES = FAILURES.integer("max_failures", D.maxFailures(), 1,
      1_000_000, "failed authentications from one address within window before it is throttled");
  private static final ConfigKey<Duration> FAILURE_WINDOW = FAILURES.positiveDuration("window", D.failureWindow(),
      "the window failures are counted in");
  private static final ConfigKey<Duration> THROTTLE_FOR = FAILURES.positiveDuration("throttle_for", D.throttleFor(),
      "how long a throttled address is refused");
  private static final ConfigDef ALERTS = SECURITY.section("alerts", new ConfigDef("security.alerts",
      "Security alerts."));
  private static final ConfigKey<Integer> FAILED_AUTHS = ALERTS.integer("failed_authentications",
      D.alertFailedAuths(), 1, 1_000_000, "failed authentications within window that raise an alert");
  private static final ConfigKey<Integer> SUSPICIOUS = ALERTS.integer("suspicious_requests", D.alertSuspicious(), 1,
      1_000_000, "suspicious requests within window that raise an alert");
  private static final ConfigKey<Duration> ALERT_WINDOW = ALERTS.positiveDuration("window", D.alertWindow(),
      "the window these are counted in");
  static final ConfigDef TLS = new ConfigDef("server.tls", "HTTPS: a PKCS12 keystore, or a PEM certificate and key.");
  private static final ConfigKey<String> KEYSTORE = TLS.string("keystore", null, "a PKCS12 file");
  private static final ConfigKey<String> KEYSTORE_PASSWORD = TLS.string("keystore_password", null,
      "the keystore's password (only with keystore)");
  private static final ConfigKey<String> CERTIFICATE = TLS.string("certificate", null, "a PEM certificate (chain)");
  private static final ConfigKey<String> PRIVATE_KEY = TLS.string("private_key", null, "its PEM private key");

  private SecurityConfigLoader() {}

  static SecurityConfig security(ConfigMap m) {
    SECURITY.rejectUnknown(m);
    ConfigMap f = m.section("auth_failures");
    FAILURES.rejectUnknown(f);
    ConfigMap a = m.section("alerts");
    ALERTS.rejectUnknown(a);
    return new SecurityConfig(MAX_FAILURES.read(f), FAILURE_WINDOW.read(f), THROTTLE_FOR.read(f),
        ADMIN_KEY_FILE.read(m) != null ? Path.of(m.requiredString("admin_key_file")) : null, FAILED_AUTHS.read(a),
        SUSPICIOUS.read(a), ALERT_WINDOW.read(a));
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
    for (String text : ConfigLoader.trustedProxies(server)) {
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
    TLS.rejectUnknown(m);
    Path keystore = path(m, KEYSTORE);
    Path certificate = path(m, CERTIFICATE);
    Path key = path(m, PRIVATE_KEY);
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
    return new TlsConfig(keystore, KEYSTORE_PASSWORD.read(m), certificate, key);
  }

  private static Path path(ConfigMap m, ConfigKey<String> key) {
    String v = key.read(m);
    return v == null || v.isBlank() ? null : Path.of(v);
  }

}
