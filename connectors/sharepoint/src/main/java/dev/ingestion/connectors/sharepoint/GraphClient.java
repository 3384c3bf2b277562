package dev.ingestion.connectors.sharepoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.model.FailureCategory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few Microsoft Graph calls the connector needs, over java.net.http and Jackson instead of the
 * 63 MB Graph SDK (which brings OkHttp and Kotlin). Gets and caches a client-credentials token;
 * waits out 429/503 for as long as Retry-After says (bounded), and retries 5xx and I/O errors with
 * exponential backoff.
 */
final class GraphClient {
  private static final Logger LOG = LoggerFactory.getLogger(GraphClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SharePointSourceConfig config;
  private final HttpClient http;
  private final ClientCertificate certificate;
  private String token;
  private volatile Instant tokenExpires = Instant.EPOCH;

  GraphClient(SharePointSourceConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.certificate = config.certificate() == null ? null
        : ClientCertificate.load(config.certificate(), config.certificatePassword());
  }

  /** GETs a Graph path (relative to graph_url) or an absolute link (@odata.nextLink, deltaLink). */
  JsonNode get(String pathOrLink) {
    HttpResponse<InputStream> response = send(uri(pathOrLink), true, "GET " + pathOrLink);
    try (InputStream body = response.body()) {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE, "reading " + pathOrLink + ": " + e, e);
    }
  }

  /** The item's bytes; follows the redirect to the pre-authenticated download URL without the token. */
  InputStream content(String path) {
    HttpResponse<InputStream> response = send(uri(path), true, "GET " + path);
    if (response.statusCode() / 100 == 3) {
      closeQuietly(response.body());
      String location = response.headers().firstValue("Location")
          .orElseThrow(() -> new GraphException(response.statusCode(), FailureCategory.SOURCE_UNAVAILABLE,
              "download redirect without a Location", null));
      return send(URI.create(location), false, "download of " + path).body();
    }
    return response.body();
  }

  private URI uri(String pathOrLink) {
    return pathOrLink.startsWith("http") ? URI.create(pathOrLink) : URI.create(config.graphUrl() + pathOrLink);
  }

  private HttpResponse<InputStream> send(URI uri, boolean authenticated, String what) {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(config.timeout()).GET();
      if (authenticated) {
        request.header("Authorization", "Bearer " + token());
      }
      HttpResponse<InputStream> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        if (attempt >= config.maxRetries()) {
          throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE, what + " failed: " + e, e);
        }
        pause(backoff(attempt), what + " (" + e.getClass().getSimpleName() + ")");
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE, what + " interrupted", e);
      }
      int status = response.statusCode();
      if (status < 400) {
        return response;
      }
      String body = readQuietly(response.body());
      if (status == 401 && authenticated && attempt == 0) {
        tokenExpires = Instant.EPOCH; // a revoked or expired token: get a new one once
        continue;
      }
      boolean transientFailure = status == 429 || status >= 500;
      if (!transientFailure || attempt >= config.maxRetries()) {
        throw GraphException.of(status, what, body);
      }
      pause(retryAfter(response).orElse(backoff(attempt)), what + " (HTTP " + status + ")");
    }
  }

  private Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    });
  }

  private static Duration backoff(int attempt) {
    return Duration.ofMillis(Math.min(30_000, 200L << Math.min(attempt, 10)));
  }

  private void pause(Duration wait, String why) {
    Duration bounded = wait.compareTo(config.maxRetryWait()) > 0 ? config.maxRetryWait() : wait;
    LOG.info("Microsoft Graph throttled or failed {}; waiting {} ms before retrying", why, bounded.toMillis());
    try {
      Thread.sleep(bounded);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE, "interrupted while waiting to retry", e);
    }
  }

  private synchronized String token() {
    if (token != null && Instant.now().isBefore(tokenExpires)) {
      return token;
    }
    String form = "grant_type=client_credentials&client_id=" + encode(config.clientId()) + credential()
        + "&scope=" + encode(config.graphUrl().getScheme() + "://" + config.graphUrl().getAuthority() + "/.default");
    HttpRequest request = HttpRequest.newBuilder(config.tokenUrl()).timeout(config.timeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        FailureCategory category = response.statusCode() >= 500 ? FailureCategory.SOURCE_UNAVAILABLE
            : FailureCategory.PERMISSION_DENIED;
        throw new GraphException(response.statusCode(), category, "the token endpoint " + config.tokenUrl()
            + " refused client " + config.clientId() + " with HTTP " + response.statusCode() + ": "
            + errorCode(response.body()) + " (check tenant_id, client_id and "
            + (certificate == null ? "client_secret" : "that the certificate is registered on the app") + ")", null);
      }
      JsonNode json = JSON.readTree(response.body());
      token = json.path("access_token").asText();
      tokenExpires = Instant.now().plusSeconds(Math.max(30, json.path("expires_in").asLong(3600) - 60));
      return token;
    } catch (IOException e) {
      throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE,
          "cannot reach the token endpoint " + config.tokenUrl() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(0, FailureCategory.SOURCE_UNAVAILABLE, "interrupted while getting a token", e);
    }
  }

  /** The client secret, or a client assertion signed with the certificate's key. */
  private String credential() {
    if (certificate == null) {
      return "&client_secret=" + encode(config.clientSecret());
    }
    return "&client_assertion_type=" + encode("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        + "&client_assertion=" + encode(certificate.assertion(config.clientId(), config.tokenUrl().toString(), Instant.now()));
  }

  /** The OAuth error code of a refusal, or nothing when the body is not the usual JSON. */
  private static String errorCode(String body) {
    try {
      return JSON.readTree(body).path("error").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String readQuietly(InputStream in) {
    try (in) {
      return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // the response is abandoned anyway
    }
  }
}
