package dev.ingestion.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real HTTP gateway in front of the API that applies the key contract the console is written for:
 * {@code /console} files and {@code GET /health} need no key; every other request needs
 * {@code Authorization: Bearer KEY} of a known key (401 otherwise), and a viewer key may only read (403
 * with a JSON message). It lets the console's sign-in, sign-out-on-401 and inline-403 handling be
 * exercised in the browser against real responses; keys can be revoked while the page is open.
 */
final class KeyCheckingGateway implements AutoCloseable {
  private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "date");

  final Map<String, String> roles = new ConcurrentHashMap<>();
  private final String upstream;
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  KeyCheckingGateway(String upstream) throws IOException {
    this.upstream = upstream;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      boolean open = path.startsWith("/console") || path.equals("/health");
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      String role = auth != null && auth.startsWith("Bearer ") ? roles.get(auth.substring(7)) : null;
      if (!open && role == null) {
        reply(ex, 401, "{\"error\":\"unauthorized\",\"message\":\"a valid API key is required (Authorization: Bearer KEY)\"}");
      } else if (!open && role.equals("viewer") && !ex.getRequestMethod().equals("GET")) {
        reply(ex, 403, "{\"error\":\"forbidden\",\"message\":\"role viewer may only read; ask an operator to "
            + ex.getRequestMethod() + " " + path + "\"}");
      } else {
        forward(ex);
      }
    }
  }

  private void forward(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(upstream + ex.getRequestURI()))
        .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      req.header("Content-Type", type);
    }
    try {
      HttpResponse<byte[]> r = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
      r.headers().map().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
          ex.getResponseHeaders().put(name, values);
        }
      });
      ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
      ex.getResponseBody().write(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(ex, 502, "{\"error\":\"bad_gateway\",\"message\":\"interrupted\"}");
    }
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
