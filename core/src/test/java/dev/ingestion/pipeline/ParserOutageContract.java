package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.ops.health.ComponentHealth;
import dev.ingestion.ops.health.HealthConfig;
import dev.ingestion.ops.health.HealthService;
import dev.ingestion.ops.health.HealthStatus;
import dev.ingestion.ops.health.SystemResourceProbe;
import dev.ingestion.parse.DocumentParser;
import dev.ingestion.parse.IsolatedDocumentParser;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.source.Source;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parser processes that cannot start (here: a JVM option the JVM refuses) are the pipeline's outage, not
 * the documents' fault: every job that met it goes back to the queue with no attempt counted and nothing
 * dead-lettered, the worker keeps trying with backoff and the health check's workers component says why,
 * and once parsing works again the same worker finishes every document with one attempt each.
 */
public abstract class ParserOutageContract {
  private static final int DOCS = 12;

  protected abstract Database openDatabase(Path dir, Clock clock);

  @TempDir Path dir;
  Database db;
  IsolatedDocumentParser refused;

  /** The parser a running worker uses, swapped by the test: first one that cannot start, then Tika. */
  static final class Swappable implements DocumentParser {
    volatile DocumentParser current;

    Swappable(DocumentParser first) {
      current = first;
    }

    @Override
    public ExtractedDocument parse(InputStream content, String fileName, long declaredSize) {
      return current.parse(content, fileName, declaredSize);
    }

    @Override
    public ExtractedDocument parse(Path file, String fileName, long declaredSize) throws IOException {
      return current.parse(file, fileName, declaredSize);
    }
  }

  @BeforeEach
  void open() {
    db = openDatabase(dir, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    if (refused != null) {
      refused.close();
    }
    db.close();
  }

  @Test
  void a_parser_that_cannot_start_blames_no_document_counts_no_attempt_and_the_worker_goes_on_once_it_can()
      throws IOException {
    Path root = Files.createDirectories(dir.resolve("docs"));
    for (int i = 0; i < DOCS; i++) {
      Files.writeString(root.resolve("doc-" + i + ".txt"), ("Paragraph " + i + " about parser processes. ").repeat(30));
    }
    Path scratch = Files.createDirectories(dir.resolve("tmp"));
    refused = new IsolatedDocumentParser(ParseLimits.DEFAULT, new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 1,
        scratch, List.of("-XX:+NoSuchOptionForTheTest")));
    Swappable parser = new Swappable(refused);
    Source source = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
    PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
    Pipeline pipeline = new Pipeline(db, config, List.of(source), new Pipeline.Extraction(parser, limits -> parser,
        new RecursiveChunker(config.chunker())));
    pipeline.discover(source, "test", null);

    try (Worker worker = pipeline.newWorker("test")) {
      worker.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> worker.parserStartFailures() >= 3);
      assertThat(worker.parsingUnavailable().orElseThrow())
          .contains("exited before it was ready (exit 1)")
          .contains("Unrecognized VM option 'NoSuchOptionForTheTest'")
          .contains("pipeline.parse.child_java_options");
      // between two tries every job is back in the queue uncounted (a thread may hold one while it tries)
      await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM jobs WHERE status = 'queued'"
          + " AND attempts = 0") == DOCS && count("SELECT count(*) FROM documents WHERE status = 'pending'") == DOCS);
      assertThat(count("SELECT count(*) FROM dead_letters")).isZero();
      assertThat(count("SELECT count(*) FROM attempts")).as("no attempt recorded").isZero();
      ComponentHealth workers = health(pipeline).fresh().checks().get("workers");
      assertThat(workers.status()).isEqualTo(HealthStatus.DEGRADED);
      assertThat(workers.message()).contains("parsing unavailable in this process")
          .contains("Unrecognized VM option 'NoSuchOptionForTheTest'");

      parser.current = new TikaDocumentParser(ParseLimits.DEFAULT);
      await().atMost(Duration.ofSeconds(90)).until(() -> pipeline.queue().activeCount() == 0);
      assertThat(worker.parserStartFailures()).isZero();
      assertThat(pipeline.parsingUnavailable()).isEmpty();
      assertThat(health(pipeline).fresh().checks().get("workers").status()).isEqualTo(HealthStatus.HEALTHY);
    }
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(DOCS);
    assertThat(count("SELECT count(*) FROM dead_letters")).isZero();
    assertThat(count("SELECT count(*) FROM attempts")).as("one attempt per document").isEqualTo(DOCS);
    assertThat(count("SELECT max(attempts) FROM jobs")).isEqualTo(1);
  }

  private HealthService health(Pipeline pipeline) {
    return new HealthService(db, HealthConfig.defaults(), List::of, new SystemResourceProbe(), Clock.systemUTC(),
        pipeline::parsingUnavailable);
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }
}
