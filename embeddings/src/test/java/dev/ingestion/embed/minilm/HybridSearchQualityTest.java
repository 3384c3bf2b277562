package dev.ingestion.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.embed.Embedders;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.search.SearchHit;
import dev.ingestion.search.SearchRequest;
import dev.ingestion.search.SearchService;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.SearchRepository;
import dev.ingestion.testkit.SearchLabels;
import dev.ingestion.testkit.TopHits;
import dev.ingestion.testkit.tags.SlowTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hybrid (keyword + vector, rank-fused) search over the project's documentation, with the real model. */
@SlowTest
class HybridSearchQualityTest {
  @TempDir Path dir;

  @Test
  void labelled_questions_find_the_document_that_answers_them_in_the_top_3_with_vectors_fused_in() throws Exception {
    Path docs = SearchLabels.copyProjectDocs(Path.of("..").toAbsolutePath().normalize(), dir.resolve("docs"));
    Embedder embedder = Embedders.load(new EmbeddingConfig(true, null, 32)).orElseThrow();
    try (Database db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("h.db")), Clock.systemUTC())) {
      PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
      Pipeline pipeline = new Pipeline(db, config, List.of(), new Pipeline.Extraction(
          new TikaDocumentParser(config.parseLimits()), TikaDocumentParser::new,
          new RecursiveChunker(ChunkerConfig.DEFAULT), embedder, 32));
      PipelineFixture.ingest(pipeline, new FileSystemSource("docs", FileSystemSourceConfig.of(docs)), Duration.ofMinutes(10));
      SearchService search = new SearchService(new SearchRepository(db), Optional.of(embedder));
      TopHits top = SearchLabels.topHits(q -> search.search(new SearchRequest(q, SearchLabels.TOP, null, null))
          .stream().map(SearchHit::path).toList());
      top.misses().forEach(m -> System.out.println("miss: " + m));
      System.out.println("search quality (sqlite, hybrid): " + top.summary(SearchLabels.TOP));
      assertThat(top.rate()).as("top-3 hit rate").isGreaterThanOrEqualTo(0.8);
    }
  }
}
