package dev.ingestion.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.sink.Sink;
import dev.ingestion.sink.SinkRunner;
import dev.ingestion.sink.SinkService;
import dev.ingestion.sink.SinkUnavailableException;
import dev.ingestion.sink.Sinks;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.SinkStateRepository;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every search engine sink must do, against a real node of its engine: documents ingested by the
 * real pipeline, edited, deleted, the database restored from an older backup, the target deleted, the
 * target down, a chunk refused. After every step the target holds exactly the current chunks.
 * A subclass per engine says how to configure the sink and read the target.
 */
public abstract class SinkContract {
  @TempDir protected Path dir;
  protected Corpus corpus;

  /** The engine-specific keys of the sink's section ({@code type}, {@code url}, the index or core ...). */
  protected abstract Map<String, Object> target(String url);

  protected abstract String nodeUrl();

  /** A new, empty target for each test (an index name, a core). */
  protected abstract void newTarget() throws Exception;

  /** Every document the target holds by chunk id (after making the last writes visible). */
  protected abstract Map<String, JsonNode> documents() throws Exception;

  /** Deletes the target the way a user would (and, where the sink cannot create it, creates it empty again). */
  protected abstract void replaceTarget() throws Exception;

  /** Makes the target refuse a chunk of 45,000 characters of text; returns the words of the reason expected. */
  protected abstract String refuseHugeTexts() throws Exception;

  /** Fields of the engine's document beyond the common ones. */
  protected abstract void checkEngineFields(JsonNode doc);

  @BeforeEach
  void openCorpus() throws Exception {
    corpus = new Corpus(dir, new ChunkerConfig(200, 0));
    newTarget();
  }

  @AfterEach
  void closeCorpus() {
    corpus.close();
  }

  @Test
  void the_target_holds_exactly_the_current_chunks_with_their_metadata_through_edits_and_deletes() throws Exception {
    for (int i = 0; i < 6; i++) {
      corpus.write("guide-" + i, 3 + i, "first");
    }
    corpus.ingest();
    SinkRunner runner = runner(sink(nodeUrl(), 7));
    SinkRunner.Pass first = runner.catchUp();
    assertThat(first.written()).isEqualTo(corpus.currentChunks().size());
    assertThat(texts()).isEqualTo(corpus.currentChunks());

    corpus.write("guide-1", 2, "edited");
    corpus.write("guide-4", 9, "longer");
    Files.delete(corpus.docs.resolve("guide-2.md"));
    corpus.write("guide-9", 4, "new");
    corpus.ingest();
    runner.catchUp();
    assertThat(texts()).isEqualTo(corpus.currentChunks()).isNotEmpty();
    assertThat(texts().keySet()).noneMatch(id -> id.startsWith(documentId("guide-2") + "-"));

    List<JsonNode> guide4 = documents().values().stream()
        .filter(d -> d.path("path").asText().endsWith("guide-4.md")).toList();
    assertThat(guide4).anySatisfy(d -> assertThat(d.path("heading_path").toString()).contains("Section 8"));
    JsonNode doc = guide4.get(0);
    assertThat(doc.path("source").asText()).isEqualTo("docs");
    assertThat(doc.path("mime_type").asText()).startsWith("text/");
    assertThat(doc.path("chunk_id").asText()).startsWith(documentId("guide-4") + "-2-");
    assertThat(doc.path("heading_path").get(0).asText()).isEqualTo("# guide-4");
    assertThat(guide4).allSatisfy(d -> assertThat(d.path("kind").asText()).isIn("paragraph", "list", "heading"));
    assertThat(doc.path("document_id").asLong()).isEqualTo(documentId("guide-4"));
    checkEngineFields(doc);
    assertThat(runner.catchUp().written()).as("caught up: nothing more to write").isZero();
    assertThat(sink(nodeUrl(), 7).count()).isEqualTo(corpus.currentChunks().size());
  }

  @Test
  void a_database_restored_from_an_older_backup_makes_the_sink_rebuild_the_target() throws Exception {
    for (int i = 0; i < 4; i++) {
      corpus.write("a-" + i, 3, "first");
    }
    corpus.ingest();
    SinkRunner runner = runner(sink(nodeUrl(), 5));
    runner.catchUp();
    Path backup = dir.resolve("backup.db");
    corpus.backup(backup);

    for (int i = 0; i < 4; i++) {
      corpus.write("b-" + i, 2, "later");
    }
    Files.delete(corpus.docs.resolve("a-0.md"));
    corpus.ingest();
    runner.catchUp();
    long markedHead = new ChangeFeedRepository(corpus.db).horizon();
    assertThat(texts()).isEqualTo(corpus.currentChunks());

    corpus.restore(backup);
    for (Path f : List.of(corpus.docs.resolve("b-0.md"), corpus.docs.resolve("b-1.md"))) {
      Files.delete(f);
    }
    for (int i = 0; i < 6; i++) {
      corpus.write("c-" + i, 2, "after the restore");
    }
    corpus.ingest();
    assertThat(new ChangeFeedRepository(corpus.db).horizon()).as("the restored feed numbers rows again past the mark")
        .isGreaterThan(markedHead);

    runner = runner(sink(nodeUrl(), 5));
    SinkRunner.Pass pass = runner.catchUp();
    assertThat(pass.resynced()).isTrue();
    assertThat(texts()).isEqualTo(corpus.currentChunks());
    SinkStateRepository.State state = new SinkStateRepository(corpus.db).load("search");
    assertThat(state.resyncs()).isEqualTo(1);
    assertThat(state.lastResyncReason()).contains("older backup");
  }

  @Test
  void a_deleted_target_is_rebuilt_from_the_start_of_the_feed() throws Exception {
    corpus.write("only", 4, "first");
    corpus.ingest();
    SinkRunner runner = runner(sink(nodeUrl(), 50));
    runner.catchUp();
    replaceTarget();

    SinkRunner.Pass pass = runner.catchUp();
    assertThat(pass.resynced()).isTrue();
    assertThat(texts()).isEqualTo(corpus.currentChunks()).isNotEmpty();
  }

  @Test
  void a_chunk_the_target_refuses_is_recorded_with_its_reason_and_the_rest_are_written() throws Exception {
    String reason = refuseHugeTexts();
    corpus.close();
    corpus = new Corpus(dir, new ChunkerConfig(50_000, 0));
    for (int i = 0; i < 5; i++) {
      corpus.write("small-" + i, 2, "fine");
    }
    Files.writeString(corpus.docs.resolve("huge.txt"), "enormous words ".repeat(3_000));
    corpus.ingest();

    SinkRunner runner = runner(sink(nodeUrl(), 50));
    SinkRunner.Pass pass = runner.catchUp();

    assertThat(pass.rejected()).isEqualTo(1);
    String huge = documentId("huge") + "-1-0";
    Map<String, String> expected = new LinkedHashMap<>(corpus.currentChunks());
    expected.remove(huge);
    assertThat(texts()).isEqualTo(expected).hasSizeGreaterThanOrEqualTo(5);
    SinkStateRepository states = new SinkStateRepository(corpus.db);
    List<SinkStateRepository.Rejection> refused = states.rejections("search", 10);
    assertThat(refused).singleElement().satisfies(r -> {
      assertThat(r.chunkId()).isEqualTo(huge);
      assertThat(r.reason()).startsWith("400 ").contains(reason);
    });
    assertThat(states.load("search").cursor().seq()).isEqualTo(new ChangeFeedRepository(corpus.db).horizon());
  }

  @Test
  void while_the_target_is_down_the_cursor_stays_and_the_error_is_recorded_then_the_sink_catches_up()
      throws Exception {
    corpus.write("doc", 3, "first");
    corpus.ingest();
    SinkStateRepository states = new SinkStateRepository(corpus.db);
    Sink down = sink("http://127.0.0.1:" + closedPort(), 5);
    assertThatThrownBy(() -> runner(down).catchUp()).isInstanceOf(SinkUnavailableException.class)
        .hasMessageContaining("did not answer");
    try (SinkService service = new SinkService(List.of(down), corpus.db).start()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> states.load("search").lastError() != null);
      assertThat(service.statuses().get(0).asMap()).containsEntry("lag", 1L).containsEntry("cursor", "0");
    }
    assertThat(states.load("search").cursor().seq()).isZero();

    try (SinkService service = new SinkService(List.of(sink(nodeUrl(), 5)), corpus.db).start()) {
      await().atMost(Duration.ofSeconds(60)).until(() -> service.statuses().get(0).lag() == 0
          && states.load("search").lastError() == null);
    }
    assertThat(texts()).isEqualTo(corpus.currentChunks());
  }

  /** Chunk id to text: what {@code current_chunks} must equal. */
  protected Map<String, String> texts() throws Exception {
    Map<String, String> out = new TreeMap<>();
    documents().forEach((id, doc) -> out.put(id, doc.path("text").asText()));
    return out;
  }

  protected long documentId(String name) {
    return corpus.db.withConnection(c -> corpus.db.sql(c).queryLong(
        "SELECT id FROM documents WHERE external_id LIKE ?", "%" + name + ".%"));
  }

  protected SinkRunner runner(Sink sink) {
    return new SinkRunner(sink, new ChangeFeedRepository(corpus.db), new SinkStateRepository(corpus.db));
  }

  protected Sink sink(String url, int batch) {
    Map<String, Object> s = new LinkedHashMap<>(Map.of("name", "search", "batch_size", batch, "poll_interval", "100ms",
        "max_backoff", "1s", "timeout", "60s"));
    s.putAll(target(url));
    return Sinks.load(List.of(section(s))).get(0);
  }

  protected static ConfigMap section(Map<String, ?> values) {
    return new ConfigMap("sinks[0]", values);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
