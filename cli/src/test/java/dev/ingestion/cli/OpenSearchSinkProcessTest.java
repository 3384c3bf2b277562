package dev.ingestion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.testkit.OpenSearchNode;
import dev.ingestion.testkit.tags.ProcessTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink process contract against a real OpenSearch node. */
@ProcessTest
class OpenSearchSinkProcessTest extends SinkProcessContract {
  @RegisterExtension static final OpenSearchNode.PerClass node = new OpenSearchNode.PerClass();

  @Override
  protected String target() {
    return """
        type: opensearch
        url: %s
        index: chunks
        batch_size: 4
        """.formatted(node.url());
  }

  @Override
  protected Map<String, String> targetTexts() throws Exception {
    index("/chunks/_refresh");
    Map<String, String> out = new TreeMap<>();
    index("/chunks/_search?size=10000").path("hits").path("hits")
        .forEach(h -> out.put(h.path("_id").asText(), h.path("_source").path("text").asText()));
    return out;
  }

  @Override
  protected JsonNode document(String suffix) throws Exception {
    return index("/chunks/_search?size=1&q=path:*" + suffix).path("hits").path("hits").get(0).path("_source");
  }

  private JsonNode index(String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.url() + path));
    if (path.endsWith("_refresh")) {
      b.POST(HttpRequest.BodyPublishers.noBody());
    }
    return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
  }
}
