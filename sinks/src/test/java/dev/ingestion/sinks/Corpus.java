package dev.ingestion.sinks;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.embed.Embedder;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A folder of real documents ingested by the real pipeline into a SQLite database, in this JVM. */
public final class Corpus implements AutoCloseable {
  public final Path docs;
  final Path dbFile;
  public Database db;
  private Pipeline pipeline;
  private final ChunkerConfig chunker;
  private final Embedder embedder;

  public Corpus(Path dir, ChunkerConfig chunker) throws IOException {
    this(dir, chunker, null);
  }

  /** With {@code embedder} (null: embeddings off), every chunk is stored with its vector. */
  public Corpus(Path dir, ChunkerConfig chunker, Embedder embedder) throws IOException {
    this.docs = Files.createDirectories(dir.resolve("docs"));
    this.dbFile = dir.resolve("ingestion.db");
    this.chunker = chunker;
    this.embedder = embedder;
    open();
  }

  void open() {
    db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dbFile), Clock.systemUTC());
    PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
    Pipeline.Extraction plain = PipelineFixture.extraction(config.parseLimits(), chunker);
    pipeline = new Pipeline(db, config, List.of(), new Pipeline.Extraction(plain.parser(), plain.parserForLimits(),
        plain.chunker(), embedder, 16));
  }

  /** A Markdown document with a heading per section, so chunks carry heading paths. */
  public Path write(String name, int sections, String flavour) throws IOException {
    StringBuilder sb = new StringBuilder("# " + name + "\n\n");
    for (int i = 0; i < sections; i++) {
      sb.append("## Section ").append(i).append("\n\n");
      sb.append(("The " + flavour + " paragraph " + i + " of " + name + " says something worth finding. ").repeat(4))
          .append("\n\n");
    }
    return Files.writeString(docs.resolve(name + ".md"), sb.toString());
  }

  public void ingest() {
    PipelineFixture.ingest(pipeline, new FileSystemSource("docs", FileSystemSourceConfig.of(docs)), Duration.ofMinutes(2));
  }

  /** A consistent copy of the database, as {@code ingestion backup} makes one. */
  public void backup(Path to) {
    db.withConnection(c -> db.sql(c).update("VACUUM INTO ?", to.toString()));
  }

  /** Replaces the database with {@code from}, as {@code ingestion restore} does, and reopens it. */
  public void restore(Path from) throws IOException {
    db.close();
    for (String suffix : List.of("-wal", "-shm")) {
      Files.deleteIfExists(dbFile.resolveSibling(dbFile.getFileName() + suffix));
    }
    Files.copy(from, dbFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    open();
  }


  /** Chunk id to text of {@code current_chunks}: what the target must hold. */
  public Map<String, String> currentChunks() {
    return dev.ingestion.store.TestDatabases.currentChunks(db);
  }

  @Override
  public void close() {
    db.close();
  }
}
