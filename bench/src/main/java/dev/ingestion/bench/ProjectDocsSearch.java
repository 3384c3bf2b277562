package dev.ingestion.bench;

import dev.ingestion.chunk.Chunker;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.EmbeddingConfig;
import dev.ingestion.embed.Embedders;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.Worker;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The search quality tests' measure for the text quality report: the project's README.md and docs/*.md
 * ingested with the given chunker (and the MiniLM embedder) into a temporary SQLite database, and the
 * labelled questions of {@link SearchLabels} asked by keyword and by hybrid search.
 */
final class ProjectDocsSearch {
  /** Hit rates by keyword and by hybrid (keyword + vector) search. */
  record Rates(TopHits keyword, TopHits hybrid) {}

  private ProjectDocsSearch() {}

  static Rates measure(Path project, Chunker chunker) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("ingestion_search_quality");
    try {
      Path docs = SearchLabels.copyProjectDocs(project, dir.resolve("docs"));
      Embedder embedder = Embedders.load(new EmbeddingConfig(true, null, 32)).orElseThrow();
      try (Database db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("search.db")),
          Clock.systemUTC())) {
        PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
        Pipeline pipeline = new Pipeline(db, config, List.of(), new Pipeline.Extraction(
            new TikaDocumentParser(config.parseLimits()), TikaDocumentParser::new, chunker, embedder, 32));
        ingest(pipeline, new FileSystemSource("docs", FileSystemSourceConfig.of(docs)));
        SearchRepository repository = new SearchRepository(db);
        return new Rates(ask(new SearchService(repository, Optional.empty())),
            ask(new SearchService(repository, Optional.of(embedder))));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static TopHits ask(SearchService search) {
    return SearchLabels.topHits(q -> search.search(new SearchRequest(q, SearchLabels.TOP, null, null)).stream()
        .map(SearchHit::path).toList());
  }

  private static void ingest(Pipeline pipeline, FileSystemSource source) throws InterruptedException {
    pipeline.discover(source, "bench", null);
    try (Worker worker = pipeline.newWorker("bench")) {
      worker.start();
      while (pipeline.queue().activeCount() > 0) {
        Thread.sleep(100);
      }
    }
  }
}
