package dev.ingestion.cli;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.store.Database;

/** Builds the pipeline's parts from the configuration. */
public final class Wiring {
  private Wiring() {}

  public static Pipeline pipeline(IngestionConfig cfg, Database db) {
    Pipeline.Extraction extraction = new Pipeline.Extraction(
        new TikaDocumentParser(cfg.pipeline().parseLimits()), TikaDocumentParser::new,
        new RecursiveChunker(cfg.pipeline().chunker()));
    return new Pipeline(db, cfg.pipeline(), cfg.sources(), extraction);
  }
}
