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

/** Builds the pipeline's parts from the configuration. */
public final class Wiring {
  private Wiring() {}

  public static Pipeline pipeline(IngestionConfig cfg, Database db) {
    Pipeline.Extraction e = extraction(cfg.pipeline());
    Embedder embedder = Embedders.load(cfg.embeddings()).orElse(null);
    return new Pipeline(db, cfg.pipeline(), cfg.sources(), new Pipeline.Extraction(e.parser(), e.parserForLimits(),
        e.chunker(), embedder, cfg.embeddings().batchSize()));
  }

  /** Parsing in child processes (the default) or in this JVM, as configured. */
  public static Pipeline.Extraction extraction(PipelineConfig p) {
    RecursiveChunker chunker = new RecursiveChunker(p.chunker());
    if (p.isolation().mode() == IsolationConfig.Mode.IN_PROCESS) {
      return new Pipeline.Extraction(new TikaDocumentParser(p.parseLimits()), TikaDocumentParser::new, chunker);
    }
    IsolatedDocumentParser isolated = new IsolatedDocumentParser(p.parseLimits(), p.isolation());
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(isolated::close));
    return new Pipeline.Extraction(isolated, isolated::withLimits, chunker);
  }
}
