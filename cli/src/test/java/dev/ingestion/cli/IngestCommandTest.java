package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.Documents.Section;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process, on real documents of every format and on hostile ones. */
@ProcessTest
class IngestCommandTest {
  @TempDir Path dir;
  Path corpus;
  Path config;
  Path db;

  @BeforeEach
  void setUp() throws IOException {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    db = dir.resolve("data/ingestion.db");
    config = Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
        pipeline:
          retry_base_delay: 100ms
          retry_max_delay: 200ms
        logging:
          dir: %s
        """.formatted(db, dir.resolve("logs")));
    List<Section> sections = List.of(new Section("Scope", List.of("This policy applies to everyone.")),
        new Section("Rules", List.of("Follow the rules. Report problems.")));
    Documents.pdf(corpus.resolve("report.pdf"), List.of("Quarterly report page one.", "Page two."));
    Documents.docx(corpus.resolve("policy.docx"), "Policy", sections);
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Costs", List.of(List.of("Item", "Cost"), List.of("Desk", "300")));
    Documents.xlsx(corpus.resolve("costs.xlsx"), sheets);
    Documents.pptx(corpus.resolve("deck.pptx"), sections);
    Documents.html(corpus.resolve("page.html"), "Page", sections);
    Documents.text(corpus.resolve("note.txt"), List.of("A plain note."));
    Documents.markdown(corpus.resolve("guide.md"), "Guide", sections);
    Documents.eml(corpus.resolve("mail.eml"), "Hello", "Mail body.", "Attachment text.");
    Documents.zip(corpus.resolve("bundle.zip"), List.of(
        Documents.text(dir.resolve("zipped.txt"), List.of("Zipped note."))));
    Files.createDirectories(corpus.resolve("bad"));
    Documents.corruptPdf(corpus.resolve("bad/corrupt.pdf"));
    Documents.encryptedPdf(corpus.resolve("bad/locked.pdf"));
    Documents.empty(corpus.resolve("bad/empty.txt"));
    Documents.garbage(corpus.resolve("bad/blob.bin"), 2048, 9);
  }

  private String ingest(String... extra) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      String[] args = new String[4 + extra.length];
      args[0] = "ingest";
      args[1] = corpus.toString();
      args[2] = "--config=" + config;
      args[3] = "--no-progress";
      System.arraycopy(extra, 0, args, 4, extra.length);
      assertThat(Main.run(args)).isZero();
    } finally {
      System.setOut(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private long count(String sql) {
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      return d.withConnection(c -> d.sql(c).queryLong(sql));
    }
  }

  private String category(String externalId) {
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      return d.withConnection(c -> d.sql(c).queryOne(
          "SELECT l.category FROM dead_letters l JOIN documents x ON x.id = l.document_id WHERE x.external_id = ?",
          rs -> rs.getString(1), externalId)).orElse(null);
    }
  }

  @Test
  void every_format_completes_and_hostile_files_land_in_the_dead_letter_queue_with_their_category() {
    String summary = ingest();
    assertThat(summary).contains("discovered  13", "completed   9", "dead-letter 4");
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(9);
    assertThat(category("bad/corrupt.pdf")).isEqualTo("corrupt");
    assertThat(category("bad/locked.pdf")).isEqualTo("encrypted");
    assertThat(category("bad/empty.txt")).isEqualTo("empty");
    assertThat(category("bad/blob.bin")).isEqualTo("unsupported_format");
    assertThat(count("SELECT count(*) FROM current_chunks WHERE text LIKE '%Zipped note.%'")).isEqualTo(1);
    // The DOCX's heading becomes the heading path (its two short sections may share one chunk).
    assertThat(count("SELECT count(*) FROM current_chunks WHERE heading_path LIKE '[\"Policy\"%'")).isGreaterThan(0);
    assertThat(count("SELECT count(*) FROM dead_letters WHERE stack_trace IS NULL OR exception_class IS NULL")).isZero();
    assertThat(count("SELECT count(*) FROM dead_letters WHERE category IN ('corrupt', 'encrypted')"
        + " AND (exception_class LIKE 'dev.ingestion.%' OR stack_trace NOT LIKE '%ParseServer%')"))
        .as("the parser's own exception and trace, from its child process").isZero();
  }

  @Test
  void an_oversized_file_is_dead_lettered_as_too_large_without_being_read() throws IOException {
    Files.writeString(config, Files.readString(config) + """
        sources:
          - name: small-files
            type: filesystem
            path: %s
            max_file_size: 1MB
        """.formatted(corpus));
    Documents.oversized(corpus.resolve("huge.log"), 3L << 30);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream old = System.out;
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run("ingest", "small-files", "--config=" + config, "--no-progress")).isZero();
    } finally {
      System.setOut(old);
    }
    assertThat(category("huge.log")).isEqualTo("too_large");
  }

  @Test
  void a_rerun_parses_nothing_an_edit_makes_one_version_and_a_delete_is_propagated() throws IOException {
    ingest();
    long versions = count("SELECT count(*) FROM document_versions");
    String again = ingest();
    assertThat(again).contains("new 0, changed 0, unchanged 13", "completed   0");
    assertThat(count("SELECT count(*) FROM attempts")).isEqualTo(13);

    Files.writeString(corpus.resolve("note.txt"), "A plain note, edited.\n");
    Files.setLastModifiedTime(corpus.resolve("note.txt"), FileTime.from(Instant.now().plusSeconds(5)));
    Files.delete(corpus.resolve("page.html"));
    String edited = ingest();
    assertThat(edited).contains("changed 1", "deleted 1", "completed   1");
    assertThat(count("SELECT count(*) FROM document_versions")).isEqualTo(versions + 1);
    assertThat(count("SELECT version_count FROM documents WHERE external_id = 'note.txt'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM current_chunks c JOIN documents d ON d.id = c.document_id"
        + " WHERE d.external_id = 'note.txt' AND c.text LIKE '%edited%'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE external_id = 'page.html' AND status = 'deleted'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM current_chunks c JOIN documents d ON d.id = c.document_id"
        + " WHERE d.external_id = 'page.html'")).isZero();
  }

  @Test
  void touching_a_file_without_changing_it_does_not_parse_it_again() throws IOException {
    ingest();
    Files.setLastModifiedTime(corpus.resolve("report.pdf"), FileTime.from(Instant.now().plusSeconds(5)));
    String out = ingest();
    assertThat(out).contains("changed 1", "content unchanged: 1");
    assertThat(count("SELECT version_count FROM documents WHERE external_id = 'report.pdf'")).isEqualTo(1);
  }
}
