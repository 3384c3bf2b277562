package dev.ingestion.sinks.solr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.embed.Embedders;
import dev.ingestion.model.ConfigException;
import dev.ingestion.sinks.Corpus;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkUnavailableException;
import dev.ingestion.sink.Sinks;
import dev.ingestion.sinks.SinkContract;
import dev.ingestion.testkit.SolrNode;
import dev.ingestion.testkit.tags.ProcessTest;
import dev.ingestion.model.FeedCursor;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.FeedChange;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Comparator;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink contract against a real Apache Solr 9.9 node (one per class), a core per test created with a
 * minimal managed schema: the sink adds its fields through the Schema API.
 */
@ProcessTest
class SolrSinkTest extends SinkContract {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger CORES = new AtomicInteger();
  @RegisterExtension static final SolrNode.PerClass node = new SolrNode.PerClass();

  final HttpClient http = HttpClient.newHttpClient();
  String core;

  @Override
  protected void newTarget() throws Exception {
    core = "chunks" + CORES.incrementAndGet();
    node.createCore(core);
  }

  @Override
  protected String nodeUrl() {
    return node.url();
  }

  @Override
  protected Map<String, Object> target(String url) {
    return Map.of("type", "solr", "url", url, "collection", core);
  }

  @Override
  protected Map<String, JsonNode> documents() throws Exception {
    Map<String, JsonNode> out = new TreeMap<>();
    query("q=*:*&rows=10000").path("response").path("docs").forEach(d -> out.put(d.path("id").asText(), d));
    JsonNode mark = out.remove(SolrSink.MARK_ID);
    assertThat(mark).as("the sink's mark document").isNotNull();
    assertThat(mark.has("text")).isFalse();
    return out;
  }

  @Override
  protected void replaceTarget() throws Exception {
    node.deleteCore(core);
    node.createCore(core);
  }

  @Override
  protected String refuseHugeTexts() throws Exception {
    // the user's own schema: text as one string, which Lucene refuses above 32,766 bytes
    post("/schema", "{\"add-field\":{\"name\":\"text\",\"type\":\"string\",\"stored\":true}}");
    return "immense term";
  }

  @Override
  protected void checkEngineFields(JsonNode doc) {
    assertThat(doc.path("version").asInt()).isEqualTo(2);
    assertThat(doc.path("title").isMissingNode() || doc.path("title").isTextual()).isTrue();
    assertThat(doc.path("end_offset").asInt()).isGreaterThan(doc.path("start_offset").asInt());
  }

  @Test
  void vectors_are_written_as_a_dense_vector_field_and_a_knn_query_returns_the_nearest_chunk() throws Exception {
    Embedder embedder = Embedders.load(new EmbeddingConfig(true, null, 16)).orElseThrow();
    corpus.close();
    corpus = new Corpus(dir.resolve("vectors"), new ChunkerConfig(2_000, 0), embedder);
    Map<String, String> topics = Map.of(
        "pasta", "Bring a large pot of salted water to the boil and cook the spaghetti for nine minutes.",
        "taxes", "The annual income tax return must be filed with the revenue office before the end of April.",
        "hiking", "Pack waterproof boots, a map and enough water before climbing the mountain trail.");
    for (Map.Entry<String, String> t : topics.entrySet()) {
      Files.writeString(corpus.docs.resolve(t.getKey() + ".txt"), t.getValue());
    }
    corpus.ingest();
    Sink sink = Sinks.load(List.of(section(Map.of("name", "search", "type", "solr", "url", node.url(),
        "collection", core, "dimensions", embedder.dimensions())))).get(0);
    runner(sink).catchUp();
    assertThat(texts()).isEqualTo(corpus.currentChunks()).hasSize(3);

    Map<String, float[]> stored = new TreeMap<>();
    new ChangeFeedRepository(corpus.db).read(FeedCursor.START, 100).changes().forEach(c ->
        stored.put(c.id(), ((FeedChange.Upsert) c).embedding()));
    for (String question : List.of("how long should noodles boil", "when is the tax return due",
        "what boots to wear on a mountain trail")) {
      float[] q = embedder.embed(List.of(question)).get(0);
      String exact = stored.entrySet().stream().max(Comparator.comparingDouble(e -> dot(q, e.getValue())))
          .orElseThrow().getKey();
      assertThat(nearest(q)).as(question).isEqualTo(exact);
    }
    assertThat(nearest(embedder.embed(List.of("how long should noodles boil")).get(0)))
        .isEqualTo(documentId("pasta") + "-1-0");
    assertThat(schemaField("embedding").path("type").asText()).isEqualTo("ingestion_vector_384");
  }

  /** The chunk id Solr's knn query finds nearest to {@code q}. */
  private String nearest(float[] q) throws Exception {
    String knn = "{!knn f=embedding topK=1}" + Arrays.toString(q).replace(" ", "");
    JsonNode docs = query("rows=1&fl=id&q=" + encode(knn)).path("response").path("docs");
    assertThat(docs).hasSize(1);
    return docs.get(0).path("id").asText();
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private JsonNode schemaField(String name) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(node.url() + "/" + core + "/schema/fields/"
        + name + "?wt=json")).build(), HttpResponse.BodyHandlers.ofString()).body()).path("field");
  }

  @Test
  void a_core_that_does_not_exist_is_reported_with_how_to_create_it() {
    Sink sink = Sinks.load(List.of(section(Map.of("name", "search", "type", "solr", "url", node.url(),
        "collection", "missing")))).get(0);
    assertThatThrownBy(sink::open).isInstanceOf(SinkUnavailableException.class)
        .hasMessageContaining("no core or collection 'missing'").hasMessageContaining("bin/solr create -c missing");
  }

  @Test
  void configuration_errors_name_the_field_and_say_what_to_write() {
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "solr", "url", "localhost:8983",
        "collection", "x"))))).isInstanceOf(ConfigException.class).hasMessageContaining("sinks[0].url")
        .hasMessageContaining("http://127.0.0.1:8983/solr");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "solr", "url",
        "http://h:8983/solr"))))).hasMessageContaining("sinks[0].collection");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "solr", "url",
        "http://h:8983/solr", "collection", "c", "password", "p"))))).hasMessageContaining("username and password");
    assertThatThrownBy(() -> Sinks.load(List.of(section(Map.of("name", "s", "type", "solr", "url",
        "http://h:8983/solr", "collection", "c", "dimension", 3))))).hasMessageContaining("did you mean 'dimensions'");
  }

  private JsonNode query(String params) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(node.url() + "/" + core + "/select?wt=json&"
        + params)).build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/" + core + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
