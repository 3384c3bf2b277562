package dev.ingestion.sinks.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.model.ConfigException;
import dev.ingestion.sink.Sinks;
import dev.ingestion.sinks.SinkContract;
import dev.ingestion.testkit.OpenSearchNode;
import dev.ingestion.testkit.tags.ProcessTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink contract against a real OpenSearch 2.19 node (one per class), an index per test. */
@ProcessTest
class OpenSearchSinkTest extends SinkContract {
  private static final AtomicInteger INDEXES = new AtomicInteger();
  @RegisterExtension static final OpenSearchNode.PerClass node = new OpenSearchNode.PerClass();

  String index;

  @Override
  protected void newTarget() {
    index = "chunks-" + INDEXES.incrementAndGet();
  }

  @Override
  protected String nodeUrl() {
    return node.url();
  }

  @Override
  protected Map<String, Object> target(String url) {
    return Map.of("type", "opensearch", "url", url, "index", index);
  }

  @Override
  protected Map<String, JsonNode> documents() throws Exception {
    return index().documents();
  }

  @Override
  protected void replaceTarget() throws Exception {
    index().send("DELETE", "/" + index, null);
  }

  @Override
  protected String refuseHugeTexts() throws Exception {
    // the user's own mapping: text as one keyword, which Lucene refuses above 32,766 bytes
    index().send("PUT", "/" + index, "{\"mappings\":{\"properties\":{\"text\":{\"type\":\"keyword\"}}}}");
    return "immense term";
  }

  @Override
  protected void checkEngineFields(JsonNode doc) {
    assertThat(doc.has("language")).isTrue();
    assertThat(doc.path("source_metadata").isObject()).isTrue();
  }

  @Test
  void configuration_errors_name_the_field_and_say_what_to_write() {
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "opensearch", "url", "localhost:9200",
        "index", "x"))))).isInstanceOf(ConfigException.class).hasMessageContaining("sinks[0].url")
        .hasMessageContaining("http://127.0.0.1:9200");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "opensearch", "url",
        "http://h:9200", "index", "Chunks"))))).hasMessageContaining("sinks[0].index");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "opensearch", "url",
        "http://h:9200", "index", "c", "username", "u"))))).hasMessageContaining("username and password go together");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "opensearch", "url",
        "http://h:9200", "index", "c", "indx", "d"))))).hasMessageContaining("did you mean 'index'");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "elastic")))))
        .hasMessageContaining("unknown sink type 'elastic'; available: opensearch, solr");
  }

  private SearchIndex index() {
    return new SearchIndex(node.url(), index);
  }
}
