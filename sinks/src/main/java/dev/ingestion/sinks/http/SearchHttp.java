package dev.ingestion.sinks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ingestion.model.ConfigException;
import dev.ingestion.sink.SinkUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few REST calls a search engine sink makes, over java.net.http with the configured credentials and CA. A call
 * the cluster does not answer, or answers with 429 or 5xx, is a {@link SinkUnavailableException}: the
 * runner waits and repeats it. Other statuses are returned for the caller to judge.
 */
public final class SearchHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpTarget config;
  private final HttpClient client;
  private final String authorization;

  /** A response: its status and JSON body ({@link MissingNode} when there was none). */
  public record Response(int status, JsonNode body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The engine's own error text: {@code error.reason} (Elasticsearch, OpenSearch), {@code error.msg} (Solr). */
    public String reason() {
      JsonNode error = body.path("error");
      if (error.isTextual()) {
        return error.asText();
      }
      if (error.path("msg").isTextual()) {
        return error.path("msg").asText();
      }
      String type = error.path("type").asText("");
      String reason = error.path("reason").asText(body.toString());
      return type.isEmpty() ? reason : type + ": " + reason;
    }
  }

  public SearchHttp(HttpTarget target) {
    this.config = target;
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(target.timeout());
    if (target.caFile() != null) {
      b.sslContext(trusting(target));
    }
    this.client = b.build();
    this.authorization = target.authorization();
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET(), path);
  }

  public Response head(String path) {
    return send(HttpRequest.newBuilder(uri(path)).method("HEAD", HttpRequest.BodyPublishers.noBody()), path);
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE(), path);
  }

  public Response put(String path, Object json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(json))), path);
  }

  public Response post(String path, Object json) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(json))), path);
  }

  /** A body already written, e.g. a Bulk API body ({@code application/x-ndjson}). */
  public Response post(String path, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)), path);
  }

  private Response send(HttpRequest.Builder request, String path) {
    request.timeout(config.timeout());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<InputStream> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new SinkUnavailableException(config.url() + " did not answer " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkUnavailableException("interrupted while calling " + config.url(), e);
    }
    Response r = new Response(response.statusCode(), body(response));
    if (r.status() == 429 || r.status() >= 500) {
      throw new SinkUnavailableException(config.url() + " answered " + path + " with " + r.status() + ": " + r.reason());
    }
    if (r.status() == 401 || r.status() == 403) {
      throw new SinkUnavailableException(config.url() + " refused the credentials (" + r.status() + ") for " + path
          + ": check the configured credentials and the user's privileges: " + r.reason());
    }
    return r;
  }

  private static JsonNode body(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      byte[] data = in.readAllBytes();
      if (data.length == 0) {
        return MissingNode.getInstance();
      }
      return JSON.readTree(data);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }

  private URI uri(String path) {
    return URI.create(config.url() + path);
  }

  public static byte[] bytes(Object json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static SSLContext trusting(HttpTarget c) {
    try (InputStream in = Files.newInputStream(c.caFile())) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, cert);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException("tls.ca_file: cannot use " + c.caFile() + " as a PEM CA certificate: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
