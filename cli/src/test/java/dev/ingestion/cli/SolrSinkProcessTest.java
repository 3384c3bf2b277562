package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.testkit.SolrNode;
import dev.ingestion.testkit.tags.ProcessTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink process contract against a real Apache Solr node: a core with a minimal managed schema. Each
 * batch ends with a hard commit (a few hundred milliseconds here), hence larger batches than OpenSearch's.
 */
@ProcessTest
class SolrSinkProcessTest extends SinkProcessContract {
  private static final String MARK = "_ingestion_sink_mark";
  @RegisterExtension static final SolrNode.PerClass node = new SolrNode.PerClass();

  @Override
  protected String target() throws Exception {
    node.createCore("chunks");
    return """
        type: solr
        url: %s
        collection: chunks
        batch_size: 16
        """.formatted(node.url());
  }

  @Override
  protected Map<String, String> targetTexts() throws Exception {
    Map<String, String> out = new TreeMap<>();
    select("q=*:*&rows=10000&fl=id,text").forEach(d -> out.put(d.path("id").asText(), d.path("text").asText()));
    assertThat(out.remove(MARK)).as("the sink's mark document").isNotNull();
    return out;
  }

  @Override
  protected JsonNode document(String suffix) throws Exception {
    return select("rows=1&q=path:*" + suffix).get(0);
  }

  private JsonNode select(String params) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/chunks/select?wt=json&"
        + params)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body()).path("response").path("docs");
  }
}
