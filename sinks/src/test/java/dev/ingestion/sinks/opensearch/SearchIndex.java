package dev.ingestion.sinks.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

/** Reads an index of the test node directly over REST, as a user of the target would. */
final class SearchIndex {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String url;
  private final String index;

  SearchIndex(String url, String index) {
    this.url = url;
    this.index = index;
  }

  /** Every document of the index by {@code _id} (after a refresh, so the last writes are visible). */
  Map<String, JsonNode> documents() throws IOException, InterruptedException {
    send("POST", "/" + index + "/_refresh", null);
    JsonNode r = send("GET", "/" + index + "/_search?size=10000", null);
    Map<String, JsonNode> out = new TreeMap<>();
    r.path("hits").path("hits").forEach(h -> out.put(h.path("_id").asText(), h.path("_source")));
    return out;
  }

  /** Chunk id to text: what {@code current_chunks} must equal. */
  Map<String, String> texts() throws IOException, InterruptedException {
    Map<String, String> out = new TreeMap<>();
    documents().forEach((id, doc) -> out.put(id, doc.path("text").asText()));
    return out;
  }

  JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
  }
}
