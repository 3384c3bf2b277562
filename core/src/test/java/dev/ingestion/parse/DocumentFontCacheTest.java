package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.ResourceCache;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.junit.jupiter.api.Test;

@FastTest
class DocumentFontCacheTest {
  /** Ten pages of a journal article (Tika's test document), ten of its 17 fonts used on several pages. */
  private static final Path JOURNAL = TikaTestDocuments.DIR.resolve("testJournalParser.pdf");

  @Test
  void each_font_of_a_document_is_read_once_however_many_pages_use_it() throws IOException {
    Map<COSDictionary, Set<PDFont>> reads = fontsReadWhileStripping(new DocumentFontCache());

    assertThat(reads).hasSizeGreaterThanOrEqualTo(10);
    assertThat(reads.values()).allSatisfy(instances -> assertThat(instances).hasSize(1));
  }

  @Test
  void pdfbox_on_its_own_reads_a_font_again_on_later_pages() throws IOException {
    // What the cache is for: if PDFBox stops dropping a page's fonts, this fails and the cache can go.
    Map<COSDictionary, Set<PDFont>> reads = fontsReadWhileStripping(new DefaultResourceCache());

    assertThat(reads.values()).anySatisfy(instances -> assertThat(instances).hasSizeGreaterThan(1));
  }

  @Test
  void the_same_text_comes_out_with_the_fonts_kept() throws IOException {
    assertThat(text(new DocumentFontCache())).isEqualTo(text(new DefaultResourceCache())).contains("Journal");
  }

  @Test
  void every_document_the_pdf_parser_loads_keeps_its_fonts() throws Exception {
    try (TikaInputStream in = TikaInputStream.get(JOURNAL);
        PDDocument doc = new FontReadingPdfParser().getPDDocument(in, in, null,
            IOUtils.createMemoryOnlyStreamCache(), new Metadata(), new ParseContext())) {
      assertThat(doc.getResourceCache()).isInstanceOf(DocumentFontCache.class);
    }
  }

  /** For each font dictionary, the font objects PDFBox made of it while the text of every page was read. */
  private static Map<COSDictionary, Set<PDFont>> fontsReadWhileStripping(ResourceCache cache) throws IOException {
    Map<COSDictionary, Set<PDFont>> reads = new IdentityHashMap<>();
    try (PDDocument doc = Loader.loadPDF(JOURNAL.toFile())) {
      doc.setResourceCache(cache);
      PDFTextStripper stripper = new PDFTextStripper() {
        @Override
        protected void processTextPosition(TextPosition text) {
          PDFont font = text.getFont();
          reads.computeIfAbsent(font.getCOSObject(), d -> Collections.newSetFromMap(new IdentityHashMap<>()))
              .add(font);
          super.processTextPosition(text);
        }
      };
      stripper.getText(doc);
    }
    return reads;
  }

  private static String text(ResourceCache cache) throws IOException {
    try (PDDocument doc = Loader.loadPDF(JOURNAL.toFile())) {
      doc.setResourceCache(cache);
      return new PDFTextStripper().getText(doc);
    }
  }

}
