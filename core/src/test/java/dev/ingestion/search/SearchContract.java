package dev.ingestion.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.InvalidInputException;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.SearchRepository;
import dev.ingestion.testkit.SearchLabels;
import dev.ingestion.testkit.TopHits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keyword search over the project's own documentation (README.md and docs/*.md, ingested for real), one
 * subclass per dialect: labelled questions whose answer sits in one document must find it in the top 3.
 */
public abstract class SearchContract {
  protected abstract Database openDatabase(Path dir, Clock clock);

  @TempDir Path dir;
  Database db;
  Pipeline pipeline;
  FileSystemSource source;
  SearchService search;
  Path docs;

  @BeforeEach
  void ingestTheDocumentation() throws IOException {
    db = openDatabase(dir, Clock.systemUTC());
    docs = SearchLabels.copyProjectDocs(Path.of("..").toAbsolutePath().normalize(), dir.resolve("docs"));
    PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
    pipeline = PipelineFixture.pipeline(db, config, List.of());
    source = new FileSystemSource("docs", FileSystemSourceConfig.of(docs));
    ingest();
    search = new SearchService(new SearchRepository(db), Optional.empty());
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void ingest() {
    PipelineFixture.ingest(pipeline, source, Duration.ofMinutes(2));
  }

  @Test
  void labelled_questions_find_the_document_that_answers_them_in_the_top_3() {
    TopHits top = SearchLabels.topHits(q -> search.search(new SearchRequest(q, SearchLabels.TOP, null, null)).stream()
        .map(SearchHit::path).toList());
    top.misses().forEach(m -> System.out.println("miss: " + m));
    System.out.printf(Locale.ROOT, "search quality (%s, keyword): %s%n", db.dialect().name(),
        top.summary(SearchLabels.TOP));
    assertThat(top.rate()).as("top-3 hit rate").isGreaterThanOrEqualTo(0.8);
  }

  @Test
  void a_result_carries_path_title_heading_path_and_a_snippet_around_the_words() {
    SearchHit hit = search.search(new SearchRequest("path-style addressing MinIO", 1, null, null)).get(0);
    assertThat(hit.path()).isEqualTo("sources.md");
    assertThat(hit.source()).isEqualTo("docs");
    assertThat(hit.headingPath()).isNotEmpty();
    assertThat(hit.snippet().toLowerCase(Locale.ROOT)).contains("minio");
    assertThat(hit.chunkId()).matches("\\d+-1-\\d+");
    assertThat(hit.matchedBy()).containsExactly("keyword");
  }

  @Test
  void filters_narrow_by_source_and_mime_type() {
    assertThat(search.search(new SearchRequest("workers", 5, "elsewhere", null))).isEmpty();
    assertThat(search.search(new SearchRequest("workers", 5, "docs", "application/pdf"))).isEmpty();
    String mime = search.search(new SearchRequest("workers", 1, "docs", null)).get(0).mimeType();
    assertThat(search.search(new SearchRequest("workers", 5, "docs", mime.split(";")[0]))).isNotEmpty();
  }

  @Test
  void a_deleted_document_is_no_longer_found() throws IOException {
    assertThat(search.search(new SearchRequest("Khmer Myanmar", 3, null, null))).extracting(SearchHit::path)
        .contains("chunking.md");
    Files.delete(docs.resolve("chunking.md"));
    pipeline.discover(source, "test", null);
    assertThat(search.search(new SearchRequest("Khmer Myanmar", 10, null, null))).extracting(SearchHit::path)
        .doesNotContain("chunking.md");
  }

  @Test
  void a_query_without_words_is_refused_saying_what_to_send() {
    assertThatThrownBy(() -> search.search(new SearchRequest("?!", 3, null, null)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("no words");
  }
}
