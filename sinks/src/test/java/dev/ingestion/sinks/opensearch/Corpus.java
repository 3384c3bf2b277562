package dev.ingestion.sinks.opensearch;


import dev.ingestion.chunk.ChunkerConfig;
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
final class Corpus implements AutoCloseable {
  final Path docs;
  final Path dbFile;
  Database db;
  private Pipeline pipeline;
  private final ChunkerConfig chunker;

  Corpus(Path dir, ChunkerConfig chunker) throws IOException {
    this.docs = Files.createDirectories(dir.resolve("docs"));
    this.dbFile = dir.resolve("ingestion.db");
    this.chunker = chunker;
    open();
  }

  void open() {
    db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dbFile), Clock.systemUTC());
    PipelineConfig config = PipelineConfig.defaults().withConcurrency(2);
    pipeline = new Pipeline(db, config, List.of(), PipelineFixture.extraction(config.parseLimits(), chunker));
  }

  /** A Markdown document with a heading per section, so chunks carry heading paths. */
  Path write(String name, int sections, String flavour) throws IOException {
    StringBuilder sb = new StringBuilder("# " + name + "\n\n");
    for (int i = 0; i < sections; i++) {
      sb.append("## Section ").append(i).append("\n\n");
      sb.append(("The " + flavour + " paragraph " + i + " of " + name + " says something worth finding. ").repeat(4))
          .append("\n\n");
    }
    return Files.writeString(docs.resolve(name + ".md"), sb.toString());
  }

  void ingest() {
    PipelineFixture.ingest(pipeline, new FileSystemSource("docs", FileSystemSourceConfig.of(docs)), Duration.ofMinutes(2));
  }

  /** A consistent copy of the database, as {@code ingestion backup} makes one. */
  void backup(Path to) {
    db.withConnection(c -> db.sql(c).update("VACUUM INTO ?", to.toString()));
  }

  /** Replaces the database with {@code from}, as {@code ingestion restore} does, and reopens it. */
  void restore(Path from) throws IOException {
    db.close();
    for (String suffix : List.of("-wal", "-shm")) {
      Files.deleteIfExists(dbFile.resolveSibling(dbFile.getFileName() + suffix));
    }
    Files.copy(from, dbFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    open();
  }


  /** Chunk id to text of {@code current_chunks}: what the target must hold. */
  Map<String, String> currentChunks() {
    return dev.ingestion.store.TestDatabases.currentChunks(db);
  }

  @Override
  public void close() {
    db.close();
  }
}
