package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.BodyContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@FastTest
class PdfLoaderTest {
  /** 67 pages, 46,618 objects, most of them in object streams, and two attached files. */
  private static final Path MANY_STREAMS = TikaTestDocuments.DIR.resolve("testPDF_childAttachments.pdf");

  static Stream<Path> pdfs() throws IOException {
    try (Stream<Path> files = Files.list(TikaTestDocuments.DIR)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pdfs")
  void every_object_and_the_text_are_what_pdfbox_itself_loads(Path pdf) throws IOException {
    List<String> expected;
    try {
      expected = everything(Loader.loadPDF(pdf.toFile()));
    } catch (IOException e) { // encrypted with a user password, or broken: the same failure here
      assertThat(loadFails(pdf)).isEqualTo(e.getClass());
      return;
    }
    PDDocument ours = PdfLoader.load(pdf.toFile(), null, IOUtils.createMemoryOnlyStreamCache(), new PdfLoader.KeyIndex());
    assertThat(everything(ours)).isEqualTo(expected);
  }

  @Test
  void a_stream_read_loads_as_a_file_does() throws IOException {
    try (InputStream in = Files.newInputStream(MANY_STREAMS)) {
      assertThat(everything(PdfLoader.load(in, null, IOUtils.createMemoryOnlyStreamCache(), new PdfLoader.KeyIndex())))
          .isEqualTo(everything(Loader.loadPDF(MANY_STREAMS.toFile())));
    }
  }

  @Test
  void the_cross_reference_keys_are_copied_once_for_all_object_streams() throws IOException {
    PdfLoader.KeyIndex keys = new PdfLoader.KeyIndex();
    try (PDDocument doc = PdfLoader.load(MANY_STREAMS.toFile(), null, IOUtils.createMemoryOnlyStreamCache(), keys)) {
      int streams = doc.getDocument().getObjectsByType(COSName.OBJ_STM).size();
      assertThat(doc.getDocument().getObjectsByType(COSName.FILESPEC)).hasSize(2);

      assertThat(streams).isGreaterThan(100);
      assertThat(keys.copies()).isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "read from a file: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void tikas_pdf_parser_loads_through_it_from_a_file_or_a_stream(boolean fromFile) throws Exception {
    PdfLoader.KeyIndex keys = new PdfLoader.KeyIndex();
    ParseContext context = new ParseContext();
    context.set(PdfLoader.KeyIndex.class, keys);
    PDFParserConfig noOcr = new PDFParserConfig();
    noOcr.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
    context.set(PDFParserConfig.class, noOcr);
    BodyContentHandler text = new BodyContentHandler(-1);
    try (InputStream in = fromFile ? TikaInputStream.get(MANY_STREAMS) : Files.newInputStream(MANY_STREAMS)) {
      new FontReadingPdfParser().parse(in, text, new Metadata(), context);
    }
    assertThat(keys.copies()).isEqualTo(1);
    assertThat(text.toString()).contains("Internal Revenue Service");
  }

  @Test
  void a_key_is_the_tables_own_object_and_a_number_not_in_the_table_gets_a_new_one() throws IOException {
    PdfLoader.KeyIndex keys = new PdfLoader.KeyIndex();
    try (PDDocument doc = Loader.loadPDF(MANY_STREAMS.toFile())) {
      COSDocument cos = doc.getDocument();
      COSObjectKey inTable = cos.getXrefTable().keySet().iterator().next();

      assertThat(keys.key(cos, inTable.getNumber(), inTable.getGeneration())).isSameAs(inTable);
      assertThat(keys.key(cos, 9_999_999, 0)).isEqualTo(new COSObjectKey(9_999_999, 0))
          .isNotIn(cos.getXrefTable().keySet());
      assertThat(keys.key(null, inTable.getNumber(), inTable.getGeneration())).isNotSameAs(inTable);
      assertThat(keys.copies()).isEqualTo(1);

      COSObjectKey added = new COSObjectKey(9_999_998, 0);
      cos.getXrefTable().put(added, 1L);
      assertThat(keys.key(cos, 9_999_998, 0)).isSameAs(added);
      assertThat(keys.copies()).isEqualTo(2);
    }
  }

  private static Class<?> loadFails(Path pdf) {
    try {
      PdfLoader.load(pdf.toFile(), null, IOUtils.createMemoryOnlyStreamCache(), new PdfLoader.KeyIndex()).close();
      return null;
    } catch (IOException e) {
      return e.getClass();
    }
  }

  /** Each object of the table (its key, its class and, for a dictionary, its keys and type) and the text. */
  private static List<String> everything(PDDocument loaded) throws IOException {
    try (PDDocument doc = loaded) {
      List<String> out = new ArrayList<>();
      COSDocument cos = doc.getDocument();
      List<COSObjectKey> keys = new ArrayList<>(cos.getXrefTable().keySet());
      keys.sort(null);
      for (COSObjectKey key : keys) {
        COSBase object = cos.getObjectFromPool(key).getObject();
        String shape = object == null ? "null" : object.getClass().getSimpleName();
        if (object instanceof COSDictionary dict) {
          shape += " " + dict.getCOSName(COSName.TYPE) + " " + dict.keySet();
        }
        out.add(key + " " + shape);
      }
      out.add(new PDFTextStripper().getText(doc));
      return out;
    }
  }
}
