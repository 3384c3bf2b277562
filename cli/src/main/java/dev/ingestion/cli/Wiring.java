package dev.ingestion.cli;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.Embedders;
import dev.ingestion.parse.IsolatedDocumentParser;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.store.Database;
import dev.ingestion.temp.TempFiles;
import java.time.Instant;

/** Builds the pipeline's parts from the configuration. */
public final class Wiring {
  private Wiring() {}

  public static Pipeline pipeline(IngestionConfig cfg, Database db) {
    return new Pipeline(db, cfg.pipeline(), cfg.sources(), extraction(cfg));
  }

  /** Parser, chunker and, when {@code embeddings.enabled}, the embedder. */
  public static Pipeline.Extraction extraction(IngestionConfig cfg) {
    Pipeline.Extraction e = extraction(cfg.pipeline());
    Embedder embedder = Embedders.load(cfg.embeddings()).orElse(null);
    return new Pipeline.Extraction(e.parser(), e.parserForLimits(), e.chunker(), embedder,
        cfg.embeddings().batchSize());
  }

  /**
   * Points temporary files at {@code pipeline.temp_dir} and removes what a crashed process left there
   * (ingest, serve, api and worker call this before they start working).
   */
  public static TempFiles.Sweep prepareTempDir(IngestionConfig cfg) {
    TempFiles.configure(cfg.pipeline().isolation().tempDir());
    return TempFiles.sweep(TempFiles.dir(), cfg.ops().maintenance().tempStaleAfter(), Instant.now());
  }

  /**
   * Parsing in child processes (the default) or in this JVM, as configured. The children start with
   * the first document to parse; whoever builds this closes it ({@link #close}) in its own stop order.
   */
  public static Pipeline.Extraction extraction(PipelineConfig p) {
    RecursiveChunker chunker = new RecursiveChunker(p.chunker());
    if (p.isolation().mode() == IsolationConfig.Mode.IN_PROCESS) {
      return new Pipeline.Extraction(new TikaDocumentParser(p.parseLimits()), TikaDocumentParser::new, chunker);
    }
    IsolatedDocumentParser isolated = new IsolatedDocumentParser(p.parseLimits(), p.isolation());
    return new Pipeline.Extraction(isolated, isolated::withLimits, chunker);
  }

  /** Stops the parser children, if any (idle ones exit normally, busy ones are killed). */
  public static void close(Pipeline.Extraction extraction) {
    if (extraction.parser() instanceof IsolatedDocumentParser isolated) {
      isolated.close();
    }
  }
}
