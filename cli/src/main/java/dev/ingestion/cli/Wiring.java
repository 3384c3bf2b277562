package dev.ingestion.cli;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.cli.config.IngestionConfig;
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
    return new Pipeline(db, cfg.pipeline(), cfg.sources(), extraction(cfg.pipeline()));
  }

  /** Parsing in child processes (the default) or in this JVM, as configured. */
  public static Pipeline.Extraction extraction(PipelineConfig p) {
    RecursiveChunker chunker = new RecursiveChunker(p.chunker());
    if (p.isolation().mode() == IsolationConfig.Mode.IN_PROCESS) {
      return new Pipeline.Extraction(new TikaDocumentParser(p.parseLimits()), TikaDocumentParser::new, chunker);
    }
    IsolatedDocumentParser isolated = new IsolatedDocumentParser(p.parseLimits(), p.isolation()).prestart();
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(isolated::close));
    return new Pipeline.Extraction(isolated, isolated::withLimits, chunker);
  }

  /** Stops the parser children, if any (idle ones exit normally, busy ones are killed). */
  public static void close(Pipeline.Extraction extraction) {
    if (extraction.parser() instanceof IsolatedDocumentParser isolated) {
      isolated.close();
    }
  }
}
