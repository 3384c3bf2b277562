package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.Documents.Section;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SlowTest
class TikaDocumentParserTest {
  static TikaDocumentParser parser;
  @TempDir Path dir;

  @BeforeAll
  static void init() {
    parser = new TikaDocumentParser(ParseLimits.DEFAULT);
  }

  static ExtractedDocument parse(TikaDocumentParser p, Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      ExtractedDocument doc = p.parse(in, file.getFileName().toString(), Files.size(file));
      assertBlocksAreConsistent(doc);
      return doc;
    }
  }

  static ExtractedDocument parse(Path file) throws IOException {
    return parse(parser, file);
  }

  static void assertBlocksAreConsistent(ExtractedDocument doc) {
    int previousEnd = 0;
    for (TextBlock b : doc.blocks()) {
      assertThat(b.start()).isGreaterThanOrEqualTo(previousEnd);
      assertThat(b.end()).isLessThanOrEqualTo(doc.text().length());
      previousEnd = b.end();
    }
  }

  static FailureCategory failure(Path file) {
    try {
      parse(file);
    } catch (DocumentException e) {
      return e.category();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected " + file + " to fail");
  }

  private static List<String> headings(ExtractedDocument doc) {
    return doc.blocks().stream().filter(b -> b.kind() == TextBlock.Kind.HEADING)
        .map(b -> doc.text().substring(b.start(), b.end())).toList();
  }

  @Test
  void pdf_text_is_extracted_with_page_numbers() throws IOException {
    Path pdf = Documents.pdf(dir.resolve("a.pdf"), List.of("First page text.", "Second page text.", "Third page."));
    ExtractedDocument doc = parse(pdf);
    assertThat(doc.text()).contains("First page text.", "Second page text.", "Third page.");
    assertThat(doc.metadata().mimeType()).isEqualTo("application/pdf");
    assertThat(doc.metadata().pageCount()).isEqualTo(3);
    assertThat(doc.blocks()).extracting(TextBlock::page).contains(1, 2, 3);
  }

  @Test
  void docx_headings_become_heading_blocks_with_levels() throws IOException {
    Path docx = Documents.docx(dir.resolve("a.docx"), "Leave Policy", List.of(
        new Section("Annual leave", List.of("Twenty-five days.")), new Section("Sick leave", List.of("Call in."))));
    ExtractedDocument doc = parse(docx);
    assertThat(headings(doc)).containsExactly("Leave Policy", "Annual leave", "Sick leave");
    assertThat(doc.blocks().stream().filter(b -> b.kind() == TextBlock.Kind.HEADING).map(TextBlock::level))
        .containsExactly(1, 2, 2);
    assertThat(doc.metadata().title()).isEqualTo("Leave Policy");
    assertThat(doc.metadata().author()).isEqualTo("Handbook Team");
  }

  @Test
  void xlsx_sheets_and_cells_are_extracted() throws IOException {
    Map<String, List<List<String>>> sheets = new LinkedHashMap<>();
    sheets.put("Budget", List.of(List.of("Item", "Cost"), List.of("Laptops", "12000")));
    ExtractedDocument doc = parse(Documents.xlsx(dir.resolve("a.xlsx"), sheets));
    assertThat(doc.text()).contains("Budget", "Laptops", "12000");
  }

  @Test
  void pptx_slides_are_numbered_like_pages() throws IOException {
    ExtractedDocument doc = parse(Documents.pptx(dir.resolve("a.pptx"), List.of(
        new Section("Welcome", List.of("Day one")), new Section("Next", List.of("Week one")))));
    assertThat(doc.text()).contains("Welcome", "Day one", "Week one");
    assertThat(doc.blocks()).extracting(TextBlock::page).contains(1, 2);
  }

  @Test
  void html_headings_and_title_are_kept() throws IOException {
    ExtractedDocument doc = parse(Documents.html(dir.resolve("a.html"), "Guide", List.of(
        new Section("Install", List.of("Run the installer.")))));
    assertThat(headings(doc)).containsExactly("Guide", "Install");
    assertThat(doc.metadata().title()).isEqualTo("Guide");
    assertThat(doc.text()).doesNotContain("<p>");
  }

  @Test
  void markdown_headings_are_recognised() throws IOException {
    ExtractedDocument doc = parse(Documents.markdown(dir.resolve("a.md"), "Guide", List.of(
        new Section("Install", List.of("Run it.")))));
    assertThat(headings(doc)).containsExactly("# Guide", "## Install");
  }

  @Test
  void plain_text_paragraphs_are_kept() throws IOException {
    ExtractedDocument doc = parse(Documents.text(dir.resolve("a.txt"), List.of("One.", "Two.")));
    assertThat(doc.text()).isEqualTo("One.\n\nTwo.");
  }

  @Test
  void eml_subject_body_and_attachment_are_extracted() throws IOException {
    ExtractedDocument doc = parse(Documents.eml(dir.resolve("a.eml"), "Welcome", "Hello team.", "Attached checklist."));
    assertThat(doc.text()).contains("Hello team.", "Attached checklist.");
    assertThat(doc.metadata().title()).isEqualTo("Welcome");
  }

  @Test
  void zip_entries_are_parsed_into_the_same_document() throws IOException {
    Path a = Documents.text(dir.resolve("inner.txt"), List.of("Inside the archive."));
    Path b = Documents.html(dir.resolve("inner.html"), "Inner page", List.of(new Section("Part", List.of("Deep text."))));
    ExtractedDocument doc = parse(Documents.zip(dir.resolve("a.zip"), List.of(a, b)));
    assertThat(doc.text()).contains("Inside the archive.", "Deep text.");
  }

  @Test
  void a_corrupt_pdf_is_classified_corrupt() throws IOException {
    assertThat(failure(Documents.corruptPdf(dir.resolve("bad.pdf")))).isEqualTo(FailureCategory.CORRUPT);
  }

  @Test
  void a_data_file_without_text_is_empty_and_the_reason_does_not_suggest_ocr() throws IOException {
    Path xml = Files.writeString(dir.resolve("settings.xml"),
        "<?xml version=\"1.0\"?>\n<settings version=\"2\"><item key=\"a\" value=\"1\"/><item key=\"b\"/></settings>\n");
    assertThatThrownBy(() -> parse(xml)).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.category()).isEqualTo(FailureCategory.EMPTY);
      assertThat(e.getMessage()).contains("application/xml", "no text to index").doesNotContain("OCR");
    });
  }

  @Test
  void a_type_no_parser_reads_is_an_unsupported_format_not_an_empty_document() throws IOException {
    // a PEM private key: detected by its content, and no parser reads keys
    Path key = Files.writeString(dir.resolve("server_key.pem"), "-----BEGIN RSA PRIVATE KEY-----\n"
        + "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n-----END RSA PRIVATE KEY-----\n");
    assertThatThrownBy(() -> parse(key)).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.category()).isEqualTo(FailureCategory.UNSUPPORTED_FORMAT);
      assertThat(e.getMessage()).contains("no parser here reads application/x-x509-key").doesNotContain("OCR");
    });
  }

  @Test
  void an_xml_document_that_uses_its_entities_throughout_is_read() throws IOException {
    // as the W3C's XML specification does: Tika's own limit (20 expansions) refused it
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE spec [<!ENTITY XML \"Extensible Markup"
        + " Language\"><!ENTITY W3C \"World Wide Web Consortium\">]>\n<spec>");
    for (int i = 0; i < 200; i++) {
      xml.append("<p>Paragraph ").append(i).append(" of the &XML; specification by the &W3C;.</p>\n");
    }
    Path file = Files.writeString(dir.resolve("spec.xml"), xml.append("</spec>\n"));
    ExtractedDocument doc = parse(file);
    assertThat(doc.text()).contains("Paragraph 199 of the Extensible Markup Language specification by the World Wide"
        + " Web Consortium.");
  }

  @Test
  void an_entity_expansion_bomb_is_refused_as_too_large_with_the_reason() throws IOException {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int level = 1; level <= 9; level++) {
      xml.append("<!ENTITY lol").append(level).append(" \"").append(("&lol" + (level == 1 ? "" : level - 1) + ";")
          .repeat(10)).append("\">");
    }
    Path bomb = Files.writeString(dir.resolve("lolz.xml"), xml.append("]>\n<lolz>&lol9;</lolz>\n"));
    assertThatThrownBy(() -> parse(bomb)).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.category()).isEqualTo(FailureCategory.TOO_LARGE);
      assertThat(e.getMessage()).contains("entity-expansion bomb", "10000");
    });
  }

  @Test
  void a_large_entity_expanded_thousands_of_times_is_refused_by_the_size_limit() throws IOException {
    // under the expansion count, over the total size the XML parser allows (quadratic blow-up)
    String big = "x".repeat(20_000);
    Path bomb = Files.writeString(dir.resolve("quadratic.xml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE q [<!ENTITY a \""
        + big + "\">]>\n<q>" + "&a;".repeat(9_000) + "</q>\n");
    assertThatThrownBy(() -> parse(bomb)).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.category()).isEqualTo(FailureCategory.TOO_LARGE);
      assertThat(e.getMessage()).contains("entity-expansion bomb");
    });
  }

  @Test
  void a_strict_office_open_xml_file_is_an_unsupported_format_not_a_damaged_file() throws IOException {
    // Tika's own test workbook, saved by Excel as Strict Open XML: a valid file POI does not read
    Path strict = TikaTestDocuments.DIR.resolve("testEXCEL.strict.xlsx");
    assertThatThrownBy(() -> parse(strict)).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.category()).isEqualTo(FailureCategory.UNSUPPORTED_FORMAT);
      assertThat(e.getMessage()).contains("Strict Office Open XML", "Transitional").doesNotContain("damaged");
    });
  }

  @Test
  void a_password_protected_pdf_is_classified_encrypted() throws IOException {
    assertThat(failure(Documents.encryptedPdf(dir.resolve("locked.pdf")))).isEqualTo(FailureCategory.ENCRYPTED);
  }

  @Test
  void an_empty_file_is_classified_empty() throws IOException {
    assertThat(failure(Documents.empty(dir.resolve("empty.docx")))).isEqualTo(FailureCategory.EMPTY);
  }

  @Test
  void random_bytes_are_an_unsupported_format() throws IOException {
    assertThat(failure(Documents.garbage(dir.resolve("blob.bin"), 4096, 1))).isEqualTo(FailureCategory.UNSUPPORTED_FORMAT);
  }

  @Test
  void a_zip_bomb_is_refused_as_too_large() throws IOException {
    assertThat(failure(Documents.zipBomb(dir.resolve("bomb.zip"), 200L << 20))).isEqualTo(FailureCategory.TOO_LARGE);
  }

  @Test
  void a_zip_entry_of_compressed_zeros_without_text_is_refused_as_too_large() throws IOException {
    Path bomb = Documents.zipBombOfZeros(dir.resolve("zeros.zip"), "invoice.pdf", 300L << 20);
    assertThat(Files.size(bomb)).isLessThan(1L << 20);
    assertThat(failure(bomb)).isEqualTo(FailureCategory.TOO_LARGE);
  }

  @Test
  void archives_nested_past_the_depth_limit_are_not_followed() throws IOException {
    TikaDocumentParser shallow = new TikaDocumentParser(
        new ParseLimits(1_000_000, 2, 100, 100, Duration.ofSeconds(30)));
    Path nested = Documents.nestedZip(dir.resolve("nested.zip"), 6);
    try {
      ExtractedDocument doc = parse(shallow, nested);
      assertThat(doc.text()).doesNotContain("the innermost document");
    } catch (DocumentException e) {
      assertThat(e.category()).isIn(FailureCategory.TOO_LARGE, FailureCategory.EMPTY);
    }
  }

  @Test
  void text_past_the_character_limit_is_truncated_and_flagged() throws IOException {
    TikaDocumentParser small = new TikaDocumentParser(new ParseLimits(1_000, 5, 100, 100, Duration.ofSeconds(30)));
    ExtractedDocument doc = parse(small, Documents.text(dir.resolve("long.txt"), List.of("word ".repeat(10_000))));
    assertThat(doc.truncated()).isTrue();
    assertThat(doc.text().length()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void a_parse_over_the_time_limit_is_a_parse_timeout() {
    TikaDocumentParser hasty = new TikaDocumentParser(new ParseLimits(1_000_000, 5, 100, 100, Duration.ofMillis(200)));
    InputStream neverEnds = new InputStream() {
      @Override
      public int read() {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return -1;
        }
        return 'a';
      }
    };
    assertThatThrownBy(() -> hasty.parse(neverEnds, "slow.txt", -1))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.PARSE_TIMEOUT))
        .hasMessageContaining("parse.timeout");
  }

  @Test
  void an_svg_drawing_gives_its_text_elements_and_one_without_any_is_empty_not_an_image_waiting_for_ocr()
      throws IOException {
    String head = "<?xml version='1.0' encoding='UTF-8'?>\n<svg version='1.1' xmlns='http://www.w3.org/2000/svg'"
        + " width='120pt' height='60pt' viewBox='0 0 120 60'>\n<path d='M22.9 1.8V19.8' stroke='#000' fill='none'/>\n";
    Path labelled = dir.resolve("circuit.svg");
    Files.writeString(labelled, head + "<text x='10' y='30'>Resistor bank R1</text>\n<text x='10' y='50'>Ground"
        + " plane</text>\n</svg>\n");
    ExtractedDocument doc = parser.parse(labelled, "circuit.svg", Files.size(labelled));
    assertThat(doc.metadata().mimeType()).isEqualTo("image/svg+xml");
    assertThat(doc.text()).contains("Resistor bank R1").contains("Ground plane");
    Path outlines = dir.resolve("outlines.svg");
    Files.writeString(outlines, head + "</svg>\n");
    assertThatThrownBy(() -> parser.parse(outlines, "outlines.svg", Files.size(outlines)))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          assertThat(e.category()).isEqualTo(FailureCategory.EMPTY);
          assertThat(e.getMessage()).contains("no text in this SVG drawing").doesNotContain("pipeline.ocr.enabled");
        });
  }
}
