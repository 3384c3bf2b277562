package dev.ingestion.sinks.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/**
 * Where a sink's HTTP requests go and how: the base URL (no trailing slash), the per-request timeout, a
 * PEM CA certificate to trust for TLS (null: the JVM's), and the {@code Authorization} header (null: none).
 */
public record HttpTarget(URI url, Duration timeout, Path caFile, String authorization) {
  public HttpTarget {
    if (url.getPath() != null && url.getPath().endsWith("/")) {
      url = URI.create(url.toString().replaceAll("/+$", ""));
    }
  }

  /** HTTP basic credentials, or null when {@code username} is null. */
  public static String basic(String username, String password) {
    if (username == null) {
      return null;
    }
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "HttpTarget[url=" + url + ", timeout=" + timeout + ", caFile=" + caFile + ", credentials="
        + (authorization == null ? "none" : "set") + "]";
  }
}
