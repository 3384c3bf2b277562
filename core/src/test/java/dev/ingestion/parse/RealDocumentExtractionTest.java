package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Extraction quality on real documents nobody here wrote: Apache Tika's own test documents (unpacked
 * from its test jars by the build) and the project's sample PDF. Our text is compared word by word with
 * raw Tika's text of the same file.
 */
@SlowTest
class RealDocumentExtractionTest {
  private static final Path SAMPLES = Path.of("..", "samples");
  private static TikaDocumentParser parser;
  private static AutoDetectParser rawParser;
  @TempDir Path dir;

  @BeforeAll
  static void init() {
    parser = new TikaDocumentParser(ParseLimits.DEFAULT);
    rawParser = new AutoDetectParser();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"testPDF.pdf", "testPDFVarious.pdf", "testJournalParser.pdf", "testPDF_rotated.pdf", "testAnnotations.pdf", "testPDFTwoTextBoxes.pdf", "testWORD_various.docx",
      "testWORD_numbered_list.docx", "testPPT.pptx", "testEXCEL.xlsx", "testComment.rtf", "testMSG.msg"})
  void words_are_the_words_raw_tika_extracts_none_glued(String name) throws Exception {
    Path file = TikaTestDocuments.DIR.resolve(name);
    ExtractedDocument doc = parse(file);
    Set<String> raw = new HashSet<>(words(rawTika(file)));

    List<String> ours = words(doc.text());
    // a word raw Tika glued to its neighbour (across a nested paragraph) and we did not is no glue
    List<String> glued = ours.stream()
        .filter(w -> !raw.contains(w) && !isHyphenJoin(w, raw) && raw.stream().noneMatch(r -> r.contains(w))).toList();

    assertThat(ours).hasSizeGreaterThan(5);
    assertThat(glued.size() * 1000.0 / ours.size()).as("glued words per 1000: %s", glued).isLessThanOrEqualTo(1.0);
  }

  @Test
  void pdf_line_breaks_separate_words() throws Exception {
    ExtractedDocument doc = parse(SAMPLES.resolve("policies/expense-policy.pdf"));

    assertThat(doc.text()).containsPattern("default for\\s+flights under six hours")
        .containsPattern("capital\\s+cities").doesNotContain("forflights", "capitalcities", "arerequired");
  }

  @Test
  void a_page_number_alone_on_its_line_is_not_text() throws Exception {
    ExtractedDocument doc = parse(TikaTestDocuments.DIR.resolve("testPageNumber.pdf"));

    assertThat(doc.text()).isEqualTo("This is page one.");
  }

  @Test
  void pdf_bookmarks_never_become_text() throws Exception {
    ExtractedDocument doc = parse(TikaTestDocuments.DIR.resolve("testPDF_bookmarks.pdf"));

    assertThat(doc.text()).contains("This is a page about France", "This is a page about Denmark")
        .doesNotContain("Countries", "bookmark is here");
    assertThat(rawTika(TikaTestDocuments.DIR.resolve("testPDF_bookmarks.pdf"))).contains("Countries");
  }

  @Test
  void word_tables_become_markdown_rows_under_their_header() throws Exception {
    ExtractedDocument doc = parse(TikaTestDocuments.DIR.resolve("testWORD_various.docx"));

    TextBlock table = doc.blocks().stream().filter(b -> b.kind() == TextBlock.Kind.TABLE).findFirst().orElseThrow();
    String markdown = doc.text().substring(table.start(), table.end());
    assertThat(markdown.lines().toList()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(markdown.lines().skip(1).findFirst().orElseThrow()).matches("\\|( --- \\|)+");
    assertThat(markdown.lines()).allMatch(l -> l.startsWith("|") && l.endsWith("|"));
    assertThat(markdown).contains("Row 1 Col 1", "Row 2 Col 3");
  }

  @Test
  void word_headings_lists_and_running_headers() throws Exception {
    ExtractedDocument doc = parse(TikaTestDocuments.DIR.resolve("testWORD_various.docx"));

    assertThat(doc.blocks()).extracting(TextBlock::kind).contains(TextBlock.Kind.LIST);
    assertThat(doc.text()).contains("Bullet 1", "Here is a list:").doesNotContain("This is the header text.",
        "This is the footer text.");
  }

  @Test
  void no_chunk_of_a_real_pdf_is_a_heading_alone_or_a_tiny_fragment() throws Exception {
    ExtractedDocument doc = parse(TikaTestDocuments.DIR.resolve("testJournalParser.pdf"));

    List<Chunk> chunks = new RecursiveChunker().chunk(doc);

    assertThat(chunks).hasSizeGreaterThan(10);
    long tiny = chunks.stream().filter(c -> c.text().length() < 100).count();
    assertThat(tiny * 100.0 / chunks.size()).isLessThanOrEqualTo(2.0);
    assertThat(chunks).noneMatch(c -> !c.headingPath().isEmpty()
        && c.text().equals(c.headingPath().get(c.headingPath().size() - 1)));
  }

  @Test
  void a_pdf_without_bookmarks_gets_headings_from_its_larger_fonts() throws Exception {
    ExtractedDocument doc = parse(TikaTestDocuments.DIR.resolve("testPDF_protected.pdf"));

    assertThat(headings(doc)).contains("Part 1: Topology of the Financial Network", "(a) Mapping the Network",
        "Conclusion", "References");
    List<Chunk> chunks = new RecursiveChunker().chunk(doc);
    assertThat(chunks.stream().filter(c -> !c.headingPath().isEmpty()).count() * 100 / chunks.size())
        .isGreaterThanOrEqualTo(60);
  }

  @Test
  void a_pdf_given_as_a_stream_gets_the_same_font_headings_as_from_its_file() throws Exception {
    Path file = TikaTestDocuments.DIR.resolve("testPDF_protected.pdf");
    ExtractedDocument fromStream;
    try (InputStream in = Files.newInputStream(file)) {
      fromStream = parser.parse(in, file.getFileName().toString(), Files.size(file));
    }

    assertThat(headings(fromStream)).isEqualTo(headings(parse(file))).contains("Conclusion", "References");
  }

  @Test
  void formulas_set_large_and_documents_without_heading_fonts_give_no_headings() throws Exception {
    assertThat(headings(parse(TikaTestDocuments.DIR.resolve("testJournalParser.pdf"))))
        .isNotEmpty().noneMatch(h -> h.contains("=") || h.codePoints().anyMatch(c -> c >= 0x1D400 && c <= 0x1D7FF))
        .allMatch(h -> h.length() <= 80);
    assertThat(headings(parse(TikaTestDocuments.DIR.resolve("testPDFTwoTextBoxes.pdf")))).isEmpty();
  }

  @Test
  void the_fonts_of_a_pdf_are_read_only_when_its_text_has_no_headings_of_its_own() throws Exception {
    // no bookmarks, numbered headings ("1 Introduction"): the fonts would not be used, so they are not read
    Path numbered = TikaTestDocuments.DIR.resolve("testPDF_bad_page_303226.pdf");
    assertThat(fontsRead(numbered)).isFalse();
    assertThat(headings(parse(numbered))).isNotEmpty();
    // no bookmarks, no numbers: the headings come from the fonts
    assertThat(fontsRead(TikaTestDocuments.DIR.resolve("testPDF_protected.pdf"))).isTrue();
  }

  /** Parses {@code pdf} as the pipeline does and says whether its fonts were read for headings. */
  private static boolean fontsRead(Path pdf) throws Exception {
    StructureHandler handler = new StructureHandler(1_000_000, () -> "application/pdf");
    FontReadingPdfParser.FontHeadings fonts = new FontReadingPdfParser.FontHeadings(
        () -> !PdfHeadings.hasNumbered(handler.blocks()));
    ParseContext context = new ParseContext();
    context.set(FontReadingPdfParser.FontHeadings.class, fonts);
    org.apache.tika.parser.pdf.PDFParserConfig noOcr = new org.apache.tika.parser.pdf.PDFParserConfig();
    noOcr.setOcrStrategy(org.apache.tika.parser.pdf.PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(org.apache.tika.parser.pdf.PDFParserConfig.class, noOcr);
    try (TikaInputStream in = TikaInputStream.get(pdf)) {
      new FontReadingPdfParser().parse(in, fonts.readingAtEnd(handler), new Metadata(), context);
    }
    return fonts.read();
  }

  private static List<String> headings(ExtractedDocument doc) {
    return doc.blocks().stream().filter(b -> b.kind() == TextBlock.Kind.HEADING)
        .map(b -> doc.text().substring(b.start(), b.end()).strip()).toList();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @org.junit.jupiter.params.provider.CsvSource({"testJournalParser.pdf, en", "testMSG_chinese.msg, zh",
      "testWORD_various.docx, en", "testEXCEL.xlsx, en"})
  void each_document_gets_the_language_it_is_written_in(String name, String language) throws Exception {
    assertThat(parse(TikaTestDocuments.DIR.resolve(name)).metadata().language()).isEqualTo(language);
  }

  @Test
  void a_german_text_is_german_whatever_its_properties_declare() throws Exception {
    Path txt = java.nio.file.Files.writeString(dir.resolve("reise.txt"), "Reisen müssen über das Reisebüro gebucht"
        + " werden. Die Economy-Klasse ist für Flüge unter sechs Stunden die Regel, und Hotelkosten werden bis zu"
        + " einem festen Betrag pro Nacht erstattet.");

    assertThat(parse(txt).metadata().language()).isEqualTo("de");
  }

  private static boolean isHyphenJoin(String word, Set<String> raw) {
    for (int i = 1; i < word.length(); i++) {
      if (raw.contains(word.substring(0, i) + "-") && raw.contains(word.substring(i))) {
        return true;
      }
    }
    return raw.stream().anyMatch(w -> w.endsWith("-") && word.startsWith(w));
  }

  /** Whitespace- and table-separated words, without the punctuation around them. */
  static List<String> words(String text) {
    return java.util.Arrays.stream(text.split("(?U)[\\s|\u00AD]+"))
        .map(w -> w.replaceAll("^[\\p{Punct}“”‘’]+|[\\p{Punct}“”‘’&&[^-]]+$", ""))
        .filter(w -> !w.isEmpty() && !w.equals("---")).toList();
  }

  static String rawTika(Path file) throws Exception {
    BodyContentHandler handler = new BodyContentHandler(-1);
    try (InputStream in = TikaInputStream.get(file)) {
      rawParser.parse(in, handler, new Metadata(), new ParseContext());
    }
    return handler.toString();
  }

  private ExtractedDocument parse(Path file) throws IOException {
    return TikaDocumentParserTest.parse(parser, file);
  }
}
