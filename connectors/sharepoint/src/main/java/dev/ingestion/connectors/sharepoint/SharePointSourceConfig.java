package dev.ingestion.connectors.sharepoint;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

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
  static final Set<String> KEYS = Set.of("name", "type", "schedule", "tenant_id", "client_id", "client_secret",
      "certificate", "certificate_password", "token_url", "graph_url", "site", "drive", "folder", "max_file_size", "timeout", "max_retries", "max_retry_wait");

  public SharePointSourceConfig {
    folder = folder == null ? "" : folder.replaceAll("^/+|/+$", "");
  }

  public static SharePointSourceConfig from(ConfigMap map) {
    map.rejectUnknown(KEYS);
    String tenant = map.requiredString("tenant_id");
    String secret = map.string("client_secret", null);
    String cert = map.string("certificate", null);
    if ((secret == null || secret.isBlank()) == (cert == null || cert.isBlank())) {
      throw new ConfigException(map.field("client_secret") + ": give either client_secret or certificate (a PEM file"
          + " with the private key and certificate, or a .p12/.pfx file with certificate_password), not "
          + (cert == null ? "neither" : "both"));
    }
    Path certificate = cert == null || cert.isBlank() ? null : Path.of(cert);
    String password = map.string("certificate_password", null);
    if (certificate != null) {
      ClientCertificate.load(certificate, password);
    }
    return new SharePointSourceConfig(tenant, map.requiredString("client_id"), secret, certificate, password,
        URI.create(map.string("token_url", "https://login.microsoftonline.com/" + tenant + "/oauth2/v2.0/token")),
        URI.create(map.string("graph_url", "https://graph.microsoft.com/v1.0").replaceAll("/+$", "")),
        map.requiredString("site"), map.string("drive", null), map.string("folder", ""),
        map.bytes("max_file_size", DEFAULT_MAX_FILE_SIZE), map.duration("timeout", Duration.ofSeconds(60)),
        map.integer("max_retries", 5, 0, 50), map.duration("max_retry_wait", Duration.ofMinutes(5)));
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
