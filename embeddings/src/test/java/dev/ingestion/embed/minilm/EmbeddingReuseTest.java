package dev.ingestion.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.embed.Embedders;
import dev.ingestion.model.FeedCursor;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.search.SearchHit;
import dev.ingestion.search.SearchRequest;
import dev.ingestion.search.SearchService;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.FeedChange;
import dev.ingestion.store.SearchRepository;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding stage end to end with the real model: found through ServiceLoader, vectors stored with
 * the chunks and carried by the feed, unchanged chunks never embedded twice, vectors used by search.
 */
@SlowTest
class EmbeddingReuseTest {
  static final List<String> TOPICS = List.of(
      "Boil the pasta in plenty of salted water, stir it now and then and drain it while it is still firm.",
      "The sailing boat left the harbour at dawn and crossed the bay with the wind behind its mainsail.",
      "Income tax returns are due at the end of the fiscal year; keep every receipt for deductions.",
      "The violinist tuned her instrument before the concert and played the sonata without a score.",
      "Glaciers carve valleys slowly as the ice moves downhill under its own enormous weight.",
      "The goalkeeper dived to the left and pushed the penalty kick around the post.");

  @TempDir Path dir;
  Database db;
  Pipeline pipeline;
  FileSystemSource source;
  Path docs;
  Embedder embedder;

  @BeforeEach
  void open() throws IOException {
    db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("e.db")), Clock.systemUTC());
    embedder = Embedders.load(new EmbeddingConfig(true, null, 4)).orElseThrow();
    PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
    pipeline = new Pipeline(db, config, List.of(), new Pipeline.Extraction(new TikaDocumentParser(config.parseLimits()),
        TikaDocumentParser::new, new RecursiveChunker(new ChunkerConfig(120, 0)), embedder, 4));
    docs = Files.createDirectories(dir.resolve("docs"));
    source = new FileSystemSource("docs", FileSystemSourceConfig.of(docs));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void the_module_is_found_by_service_loader_and_gives_unit_vectors_of_384_dimensions() {
    assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2-q");
    float[] v = embedder.embed(List.of("hello world")).get(0);
    double norm = 0;
    for (float f : v) {
      norm += f * f;
    }
    assertThat(v).hasSize(384);
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
  }

  @Test
  void editing_one_paragraph_embeds_only_the_chunks_that_changed() throws IOException {
    write(TOPICS);
    ingest();
    Map<String, byte[]> first = vectorsByHash(1);
    assertThat(first.size()).isEqualTo(TOPICS.size());
    assertThat(pipeline.stats().embeddingsComputed()).isEqualTo(TOPICS.size());

    List<String> edited = new ArrayList<>(TOPICS);
    edited.set(3, "The cellist tuned his instrument before the recital and played the suite from memory.");
    write(edited);
    ingest();

    Map<String, byte[]> second = vectorsByHash(2);
    long changed = second.keySet().stream().filter(h -> !first.containsKey(h)).count();
    assertThat(changed).isEqualTo(1);
    assertThat(versionCounts(2)).containsExactly(1L, (long) TOPICS.size() - 1);
    assertThat(pipeline.stats().embeddingsComputed()).isEqualTo(TOPICS.size() + 1);
    assertThat(pipeline.stats().embeddingsReused()).isEqualTo(TOPICS.size() - 1);
    second.forEach((hash, vector) -> {
      if (first.containsKey(hash)) {
        assertThat(vector).isEqualTo(first.get(hash));
      }
    });
    ChangeFeedRepository.Totals totals = new ChangeFeedRepository(db).totals();
    assertThat(totals.embeddingsComputed()).isEqualTo(TOPICS.size() + 1);
    assertThat(totals.embeddingsReused()).isEqualTo(TOPICS.size() - 1);
  }

  @Test
  void the_feed_carries_each_chunks_vector_and_search_finds_by_meaning() throws IOException {
    write(TOPICS);
    ingest();
    List<FeedChange> changes = new ChangeFeedRepository(db).read(FeedCursor.START, 100).changes();
    assertThat(changes.size()).isEqualTo(TOPICS.size());
    assertThat(changes).allSatisfy(c -> assertThat(((FeedChange.Upsert) c).embedding()).hasSize(384));

    SearchService search = new SearchService(new SearchRepository(db), java.util.Optional.of(embedder));
    List<SearchHit> hits = search.search(new SearchRequest("a ship on the ocean", 1, null, null));
    assertThat(hits.get(0).snippet()).contains("sailing boat");
    assertThat(hits.get(0).matchedBy()).contains("vector");
  }

  private void write(List<String> paragraphs) throws IOException {
    Files.writeString(docs.resolve("notes.md"), "# Notes\n\n" + String.join("\n\n", paragraphs) + "\n");
    Files.setLastModifiedTime(docs.resolve("notes.md"),
        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + paragraphs.hashCode()));
  }

  private void ingest() {
    PipelineFixture.ingest(pipeline, source, Duration.ofMinutes(2));
  }

  private Map<String, byte[]> vectorsByHash(int versionNo) {
    return db.withConnection(c -> {
      Map<String, byte[]> out = new HashMap<>();
      for (Object[] row : db.sql(c).query("""
          SELECT c.content_hash, c.embedding FROM chunks c JOIN document_versions v ON v.id = c.version_id
           WHERE v.version_no = ?""", rs -> new Object[] {rs.getString(1), rs.getBytes(2)}, versionNo)) {
        out.put((String) row[0], (byte[]) row[1]);
      }
      return out;
    });
  }

  private List<Long> versionCounts(int versionNo) {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT embeddings_computed, embeddings_reused FROM document_versions WHERE version_no = ?",
        rs -> List.of(rs.getLong(1), rs.getLong(2)), versionNo).orElseThrow());
  }
}
