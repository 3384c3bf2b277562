package dev.ingestion.pipeline;

import static org.awaitility.Awaitility.await;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.source.Source;
import dev.ingestion.store.Database;
import java.time.Duration;
import java.util.List;

/**
 * How tests build a pipeline and run it: the real Tika parser in the test JVM, the recursive chunker, a
 * real database; a worker runs until the queue is drained. Shared with the other modules' tests through
 * the core test jar.
 */
public final class PipelineFixture {
  private PipelineFixture() {}

  /** Tika with {@code limits} (other limits for jobs that override them) and the recursive chunker. */
  public static Pipeline.Extraction extraction(ParseLimits limits, ChunkerConfig chunker) {
    return new Pipeline.Extraction(new TikaDocumentParser(limits), TikaDocumentParser::new, new RecursiveChunker(chunker));
  }

  /** A pipeline extracting with the limits and chunking of {@code config}. */
  public static Pipeline pipeline(Database db, PipelineConfig config, List<Source> sources) {
    return new Pipeline(db, config, sources, extraction(config.parseLimits(), config.chunker()));
  }

  /** Lists {@code source} into the queue and runs a worker until nothing is left to do. */
  public static void ingest(Pipeline pipeline, Source source, Duration atMost) {
    pipeline.discover(source, "test", null);
    drain(pipeline, atMost);
  }

  /**
   * Starts a worker, waits until no job is queued or leased (retries included, paused sources excepted),
   * and stops it.
   */
  public static void drain(Pipeline pipeline, Duration atMost) {
    try (Worker worker = pipeline.newWorker("test")) {
      worker.start();
      await().atMost(atMost).until(() -> pipeline.queue().activeCount() == 0);
    }
  }
}
