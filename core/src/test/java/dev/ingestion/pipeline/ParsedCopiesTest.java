package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.Job;
import dev.ingestion.parse.DocumentParser;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.NewVersion;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies of a file (same bytes, same name) completed by one process are parsed once: the copy gets the
 * first one's chunks as its own rows, and anything that differs in bytes or name is parsed. Real SQLite,
 * real files, the real Tika parser, with a count of its calls.
 */
@FastTest
class ParsedCopiesTest {
  @TempDir Path dir;
  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
  final RunStats stats = new RunStats();
  final List<String> parsed = new ArrayList<>();
  Path root;
  Database db;
  FileSystemSource source;
  Pipeline pipeline;
  DocumentProcessor processor;

  @BeforeEach
  void open() throws IOException {
    root = Files.createDirectories(dir.resolve("docs"));
    db = TestDatabases.sqlite(dir, clock);
    source = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
    PipelineConfig pc = PipelineConfig.defaults();
    TikaDocumentParser tika = new TikaDocumentParser(pc.parseLimits());
    DocumentParser counting = new DocumentParser() {
      @Override
      public ExtractedDocument parse(InputStream content, String fileName, long declaredSize) {
        parsed.add(fileName);
        return tika.parse(content, fileName, declaredSize);
      }

      @Override
      public ExtractedDocument parse(Path file, String fileName, long declaredSize) {
        parsed.add(fileName);
        return tika.parse(file, fileName, declaredSize);
      }
    };
    Pipeline.Extraction extraction = new Pipeline.Extraction(counting, TikaDocumentParser::new,
        new RecursiveChunker(pc.chunker()));
    pipeline = new Pipeline(db, pc, List.of(source), extraction);
    processor = new DocumentProcessor(new DocumentProcessor.ProcessorParts(new ResultRepository(db, pc.keepVersions()),
        pipeline.sources(), extraction, pc.parseLimits(), new RetryPolicy(pc.maxAttempts(), pc.retryBaseDelay(),
        pc.retryMaxDelay(), new SplittableRandom(7)), clock), stats);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private void ingestAll() {
    pipeline.discover(source, "test", null);
    List<Job> jobs;
    while (!(jobs = pipeline.queue().claim("w", 1, Duration.ofSeconds(60))).isEmpty()) {
      processor.process(jobs.get(0), "w");
    }
  }

  private static List<String> report(String region) {
    return List.of("# Quarterly report", "The quarterly report covers sales in the " + region + ".",
        "Revenue grew in every region; costs stayed flat.", "## Outlook", "The outlook for next year is cautious.");
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  private List<String> chunks(String path) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT c.ordinal || '|' || c.text || '|' || c.start_offset || '|' || c.end_offset || '|' || c.heading_path
          FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE d.external_id LIKE ? ORDER BY c.ordinal""", rs -> rs.getString(1), "%" + path));
  }

  @Test
  void a_copy_under_the_same_name_is_stored_from_the_first_parse_and_anything_else_is_parsed() throws IOException {
    Files.createDirectories(root.resolve("a"));
    Files.createDirectories(root.resolve("b"));
    Files.createDirectories(root.resolve("c"));
    Documents.text(root.resolve("a/report.md"), report("north"));
    Files.copy(root.resolve("a/report.md"), root.resolve("b/report.md"));
    Files.copy(root.resolve("a/report.md"), root.resolve("c/report.txt")); // same bytes, another name
    Documents.text(root.resolve("c/report.md"), report("south")); // same name, other bytes

    ingestAll();

    assertThat(parsed).hasSize(3).containsOnlyOnce("report.txt").containsOnly("report.md", "report.txt");
    assertThat(stats.copies()).isEqualTo(1);
    assertThat(stats.completed()).isEqualTo(4);
    assertThat(chunks("a/report.md")).isNotEmpty().isEqualTo(chunks("b/report.md"));
    assertThat(chunks("a/report.md").get(0)).contains("Quarterly report");
    assertThat(chunks("c/report.md")).isNotEqualTo(chunks("a/report.md"));
    assertThat(count("""
        SELECT count(DISTINCT v.mime_type || v.char_count || v.content_hash) FROM document_versions v
          JOIN documents d ON d.id = v.document_id WHERE d.external_id LIKE '%report.md'
           AND d.external_id NOT LIKE '%c/report.md'""")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(4);
  }

  @Test
  void the_oldest_entries_go_first_and_a_document_over_an_eighth_of_the_bound_is_not_kept() {
    ParsedCopies copies = new ParsedCopies(8_000); // entries of 960 bytes: eight fit
    for (int i = 1; i <= 8; i++) {
      copies.keep(i + ".txt", version(String.valueOf(i), 400));
    }
    assertThat(copies.copyOf("1", "1.TXT", 10, Map.of("author", "x"))).isNotNull(); // 1 is now the last used
    copies.keep("9.txt", version("9", 400));

    assertThat(copies.size()).isEqualTo(8);
    assertThat(copies.copyOf("2", "2.txt", 10, Map.of())).isNull();
    assertThat(copies.copyOf("1", "1.txt", 10, Map.of())).isNotNull();
    assertThat(copies.copyOf("9", "9.txt", 10, Map.of())).isNotNull();
    assertThat(copies.copyOf("1", "2.txt", 10, Map.of())).isNull();

    copies.keep("huge.txt", version("h", 500)); // 1,160 bytes, over an eighth of 8,000
    assertThat(copies.copyOf("h", "huge.txt", 10, Map.of())).isNull();
    assertThat(copies.size()).isEqualTo(8);
  }

  @Test
  void a_copy_carries_its_own_source_metadata_and_size_and_reports_its_vectors_as_reused() {
    ParsedCopies copies = new ParsedCopies(ParsedCopies.DEFAULT_BUDGET_BYTES);
    NewVersion first = version("h", 100).withVectors(new NewVersion.Vectors(List.of(new byte[] {1, 2, 3, 4}), 1, 0));
    copies.keep("a.txt", first);

    NewVersion copy = copies.copyOf("h", "a.txt", 42, Map.of("web_url", "https://example.test/b"));

    assertThat(copy.chunks()).isEqualTo(first.chunks());
    assertThat(copy.metadata()).isEqualTo(first.metadata());
    assertThat(copy.sizeBytes()).isEqualTo(42);
    assertThat(copy.sourceMetadata()).containsEntry("web_url", "https://example.test/b");
    assertThat(copy.vectors().computed()).isZero();
    assertThat(copy.vectors().reused()).isEqualTo(1);
    assertThat(copies.copyOf("h", null, 42, Map.of())).isNull();
  }

  /** A version of one chunk of {@code chars} characters: weighed 2 bytes a character plus 160 for the chunk. */
  private static NewVersion version(String hash, int chars) {
    Chunk chunk = new Chunk(0, "x".repeat(chars), 0, chars, List.of(), null, "c" + hash);
    return new NewVersion(hash, chars, DocumentMetadata.unknown("text/plain"), chars, false, List.of(chunk));
  }
}
