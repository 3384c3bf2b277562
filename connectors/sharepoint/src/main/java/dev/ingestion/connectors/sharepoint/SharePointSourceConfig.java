package dev.ingestion.connectors.sharepoint;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import dev.ingestion.source.SourceKeys;

/**
 * A SharePoint Online document library, read with an app registration's client credentials (a client
 * secret, or a certificate whose key signs a client assertion). {@code
 * site} is a site id or its URL; {@code drive} a drive id or library name (the site's default library
 * when absent); {@code folder} limits the source to one folder of the library. {@code tokenUrl} and
 * {@code graphUrl} are configurable for national clouds and tests.
 */
public record SharePointSourceConfig(
    String tenantId,
    String clientId,
    String clientSecret,
    Path certificate,
    String certificatePassword,
    URI tokenUrl,
    URI graphUrl,
    String site,
    String drive,
    String folder,
    long maxFileSize,
    Duration timeout,
    int maxRetries,
    Duration maxRetryWait) {

  public static final long DEFAULT_MAX_FILE_SIZE = 100L << 20;
  static final ConfigDef DEF = SourceKeys.define("sharepoint", "A SharePoint Online document library, read with an"
      + " app registration's client credentials.");
  private static final ConfigKey<String> TENANT_ID = DEF.required("tenant_id", "the Entra ID tenant");
  private static final ConfigKey<String> CLIENT_ID = DEF.required("client_id", "the app registration's id");
  private static final ConfigKey<String> CLIENT_SECRET = DEF.string("client_secret", null,
      "the app's secret (${ENV_VAR}); or certificate");
  private static final ConfigKey<String> CERTIFICATE = DEF.string("certificate", null,
      "a PEM file with the private key and certificate, or a .p12/.pfx file; or client_secret");
  private static final ConfigKey<String> CERTIFICATE_PASSWORD = DEF.string("certificate_password", null,
      "the .p12/.pfx file's password");
  private static final ConfigKey<String> TOKEN_URL = DEF.string("token_url", null,
      "https://login.microsoftonline.com/TENANT/oauth2/v2.0/token", "for national clouds and tests");
  private static final ConfigKey<String> GRAPH_URL = DEF.string("graph_url", "https://graph.microsoft.com/v1.0",
      "for national clouds and tests");
  private static final ConfigKey<String> SITE = DEF.required("site", "a site id or its URL");
  private static final ConfigKey<String> DRIVE = DEF.string("drive", null, "the site's default library",
      "a drive id or library name");
  private static final ConfigKey<String> FOLDER = DEF.string("folder", "", "only this folder of the library");
  private static final ConfigKey<Long> MAX_FILE_SIZE = DEF.size("max_file_size", DEFAULT_MAX_FILE_SIZE,
      "larger files are dead-lettered as too_large");
  private static final ConfigKey<Duration> TIMEOUT = DEF.duration("timeout", Duration.ofSeconds(60), "per request");
  private static final ConfigKey<Integer> MAX_RETRIES = DEF.integer("max_retries", 5, 0, 50,
      "retries of a throttled or failed request");
  private static final ConfigKey<Duration> MAX_RETRY_WAIT = DEF.duration("max_retry_wait", Duration.ofMinutes(5),
      "longest wait before a retry (Retry-After is honoured up to this)");

  public SharePointSourceConfig {
    folder = folder == null ? "" : folder.replaceAll("^/+|/+$", "");
  }

  public static SharePointSourceConfig from(ConfigMap map) {
    DEF.rejectUnknown(map);
    String tenant = TENANT_ID.read(map);
    String secret = CLIENT_SECRET.read(map);
    String cert = CERTIFICATE.read(map);
    if ((secret == null || secret.isBlank()) == (cert == null || cert.isBlank())) {
      throw new ConfigException(map.field("client_secret") + ": give either client_secret or certificate (a PEM file"
          + " with the private key and certificate, or a .p12/.pfx file with certificate_password), not "
          + (cert == null ? "neither" : "both"));
    }
    Path certificate = cert == null || cert.isBlank() ? null : Path.of(cert);
    String password = CERTIFICATE_PASSWORD.read(map);
    if (certificate != null) {
      ClientCertificate.load(certificate, password);
    }
    return new SharePointSourceConfig(tenant, CLIENT_ID.read(map), secret, certificate, password,
        URI.create(TOKEN_URL.readOr(map, "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token")),
        URI.create(GRAPH_URL.read(map).replaceAll("/+$", "")), SITE.read(map), DRIVE.read(map), FOLDER.read(map),
        MAX_FILE_SIZE.read(map), TIMEOUT.read(map), MAX_RETRIES.read(map), MAX_RETRY_WAIT.read(map));
  }

  @Override
  public String toString() {
    return "SharePointSourceConfig[tenantId=" + tenantId + ", clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "****")
        + ", certificate=" + certificate + ", certificatePassword=" + (certificatePassword == null ? "none" : "****")
        + ", tokenUrl=" + tokenUrl + ", graphUrl=" + graphUrl + ", site=" + site + ", drive=" + drive + ", folder="
        + folder + ", maxFileSize=" + maxFileSize + ", timeout=" + timeout + ", maxRetries=" + maxRetries
        + ", maxRetryWait=" + maxRetryWait + "]";
  }
}
