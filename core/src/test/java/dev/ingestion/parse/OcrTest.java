package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.ConfigException;
import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCR with the real Tesseract program (installed by ./ingestion and CI) on Apache Tika's own scanned test
 * documents: text when enabled, a reason that says how to turn it on when not, and a start-up error that
 * says what to install when a language is missing.
 */
@ProcessTest
class OcrTest {
  private static final OcrConfig ENGLISH = new OcrConfig(true, List.of("eng"));
  @TempDir Path dir;

  @Test
  void with_ocr_on_a_scanned_pdf_and_an_image_become_chunks_with_their_words() throws Exception {
    Path root = copy("testOCR.pdf", "testOCR.jpg");
    try (Database db = TestDatabases.sqlite(dir, Clock.systemUTC())) {
      ingest(db, root, ParseLimits.DEFAULT.withOcr(ENGLISH));

      String chunks = String.join("\n", TestDatabases.currentChunks(db).values()).toLowerCase(Locale.ROOT);
      assertThat(chunks).contains("ocr testing").contains("happy new year 2003");
      assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM dead_letters")).isZero();
      assertThat(TestDatabases.count(db, "SELECT COUNT(DISTINCT document_id) FROM current_chunks")).isEqualTo(2);
    }
  }

  @Test
  void with_ocr_off_a_scanned_pdf_is_empty_and_the_reason_says_how_to_turn_ocr_on() throws Exception {
    Path root = copy("testOCR.pdf");
    try (Database db = TestDatabases.sqlite(dir, Clock.systemUTC())) {
      ingest(db, root, ParseLimits.DEFAULT);

      assertThat(TestDatabases.count(db, "SELECT COUNT(*) FROM dead_letters WHERE category = 'empty'"
          + " AND message LIKE '%OCR is off%pipeline.ocr.enabled: true%'")).isEqualTo(1);
      assertThat(TestDatabases.currentChunks(db)).isEmpty();
    }
  }

  @Test
  void parser_children_read_images_with_ocr_when_it_is_enabled() throws Exception {
    Path image = TikaTestDocuments.DIR.resolve("testOCR.jpg");
    try (IsolatedDocumentParser children = new IsolatedDocumentParser(ParseLimits.DEFAULT.withOcr(ENGLISH),
        new IsolationConfig(IsolationConfig.Mode.PROCESS, "256m", 1, dir))) {
      ExtractedDocument doc = children.parse(image, "testOCR.jpg", Files.size(image));
      assertThat(doc.text().toLowerCase(Locale.ROOT)).contains("apache tika").contains("ocr testing");
    }
  }

  @Test
  void without_ocr_an_image_is_refused_with_the_setting_that_turns_it_on() {
    Path image = TikaTestDocuments.DIR.resolve("testOCR.jpg");
    assertThatThrownBy(() -> new TikaDocumentParser(ParseLimits.DEFAULT).parse(image, "testOCR.jpg", Files.size(image)))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          assertThat(e.category()).isEqualTo(FailureCategory.UNSUPPORTED_FORMAT);
          assertThat(e.getMessage()).contains("OCR is off").contains("pipeline.ocr.enabled: true");
        });
  }

  @Test
  void a_language_without_traineddata_fails_at_start_up_naming_the_package_to_install() {
    // qaa is reserved for local use by ISO 639-2: no Tesseract distribution ships it
    OcrConfig missing = new OcrConfig(true, List.of("eng", "qaa"));
    assertThatThrownBy(() -> new TikaDocumentParser(ParseLimits.DEFAULT.withOcr(missing)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pipeline.ocr.languages").hasMessageContaining("qaa")
        .hasMessageContaining("apt-get install tesseract-ocr-qaa")
        .hasMessageNotContaining("\n");
  }

  @Test
  void without_the_tesseract_program_start_up_fails_saying_how_to_install_it() {
    assertThatThrownBy(() -> Tesseract.require(ENGLISH, dir.resolve("no-tesseract-here").toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Tesseract is not installed")
        .hasMessageContaining("apt-get install tesseract-ocr tesseract-ocr-eng")
        .hasMessageNotContaining("\n");
  }

  private Path copy(String... names) throws Exception {
    Path root = Files.createDirectories(dir.resolve("docs"));
    for (String name : names) {
      Files.copy(TikaTestDocuments.DIR.resolve(name), root.resolve(name));
    }
    return root;
  }

  private static void ingest(Database db, Path root, ParseLimits limits) {
    FileSystemSource source = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
    PipelineConfig d = PipelineConfig.defaults();
    PipelineConfig config = new PipelineConfig(1, d.chunker(), limits, 1, d.retryBaseDelay(), d.retryMaxDelay(),
        d.lease(), d.heartbeat(), Duration.ofMillis(50), d.drainTimeout(), d.keepVersions(), d.isolation());
    Pipeline pipeline = PipelineFixture.pipeline(db, config, List.of(source));
    PipelineFixture.ingest(pipeline, source, Duration.ofSeconds(120));
  }
}
