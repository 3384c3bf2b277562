package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.SlowTest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.sax.ToTextContentHandler;
import org.apache.tika.sax.ToXMLContentHandler;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PlainTextParser} against Tika's own text parser on the same bytes: the same XHTML (every element,
 * every character, the head's metadata), the same type and character set, whether the file is prose, code,
 * a table in disguise, or in an old single-byte encoding. Real files from Tika's test documents, and made
 * ones for the edges (characters XML does not allow, a table longer than the sniffer's window).
 */
@SlowTest
class PlainTextParserTest {
  private static final TikaConfig TIKA = TikaConfig.getDefaultConfig();

  @ParameterizedTest
  @MethodSource("dev.ingestion.parse.TikaTestDocuments#textDocuments")
  void reads_tikas_text_documents_as_tikas_text_parser_does(String name) throws Exception {
    Path file = TikaTestDocuments.DIR.resolve(name);
    assertThat(file).exists();
    byte[] bytes = Files.readAllBytes(file);

    Parsed tika = parse(new TextAndCSVParser(), bytes, name);
    Parsed ours = parse(new PlainTextParser(), bytes, name);

    assertThat(ours.xhtml()).isEqualTo(tika.xhtml());
    assertThat(ours.contentType()).isEqualTo(tika.contentType());
    assertThat(ours.encoding()).isEqualTo(tika.encoding());
    assertThat(ours.xhtml()).contains("<p>"); // something was read (the table one has cells instead)
  }

  @Test
  void a_table_in_a_text_file_longer_than_the_sniffers_window_is_tikas_table() throws Exception {
    StringBuilder csv = new StringBuilder("name,city,count\n");
    for (int i = 0; i < 4_000; i++) {
      csv.append("person ").append(i).append(",town ").append(i % 17).append(',').append(i).append('\n');
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isGreaterThan(90_000); // far past the 20,000 characters the sniffer reads

    Parsed tika = parse(new TextAndCSVParser(), bytes, "people.txt");
    Parsed ours = parse(new PlainTextParser(), bytes, "people.txt");

    assertThat(tika.xhtml()).contains("<table>").contains("<td>person 3999</td>");
    assertThat(ours.xhtml()).isEqualTo(tika.xhtml());
    assertThat(ours.contentType()).isEqualTo(tika.contentType());
  }

  @Test
  void prose_longer_than_the_sniffers_window_in_utf8_is_read_whole() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      text.append("Zeile ").append(i).append(": Grüße aus Köln, \"Zitat\" ünd Straße; 東京 \uD83D\uDE00 Ende.\n");
    }
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);

    Parsed tika = parse(new TextAndCSVParser(), bytes, "notes");
    Parsed ours = parse(new PlainTextParser(), bytes, "notes");

    assertThat(ours.contentType()).isEqualTo(tika.contentType()).startsWith("text/plain; charset=UTF-8");
    assertThat(ours.xhtml()).contains("Zeile 2999: Grüße").contains("\uD83D\uDE00 Ende.");
    // Tika cuts its text into blocks of 4,096 characters and filters each alone, so an emoji that straddles
    // a block's end becomes two U+FFFD there; this text has none straddling, so both are the same
    assertThat(ours.xhtml()).isEqualTo(tika.xhtml());
  }

  @Test
  void characters_xhtml_does_not_allow_become_replacement_characters_as_in_tikas_output() throws Exception {
    String text = "a\u0000b\tc\rd\ne\u0008f\u000Bg\u007Fh\u0085i\u009Fj\u00A0k\uD7FFl\uE000m\uFFFDn\uFFFEo\uFFFFp"
        + "\uD800q\uDC00r\uD83D\uDE00s\uDBFF\uDFFFt\uFEFFu" + "\uD83D";
    assertThat(filteredByUs(List.of(text))).isEqualTo(filteredByTika(text));
  }

  @Test
  void a_surrogate_pair_cut_between_two_blocks_stays_whole() throws Exception {
    assertThat(filteredByUs(List.of("ab\uD83D", "\uDE00cd"))).isEqualTo("ab\uD83D\uDE00cd");
    assertThat(filteredByUs(List.of("ab\uD83D", "xcd"))).isEqualTo("ab\uFFFDxcd");
    assertThat(filteredByUs(List.of("ab\uD83D"))).isEqualTo("ab\uFFFD");
  }

  @Test
  void the_bundled_configurations_read_plain_text_with_this_parser_and_tables_with_tikas() throws Exception {
    for (String resource : List.of("tika-config.xml", "tika-config-ocr.xml")) {
      try (InputStream in = TikaDocumentParser.class.getResourceAsStream(resource)) {
        TikaConfig config = new TikaConfig(in);
        var parsers = new ResolvedAutoDetectParser(config).getParsers(new ParseContext());
        assertThat(parsers.get(MediaType.TEXT_PLAIN)).as(resource).isInstanceOf(PlainTextParser.class);
        assertThat(parsers.get(MediaType.text("csv"))).as(resource).isInstanceOf(TextAndCSVParser.class);
      }
    }
  }

  private record Parsed(String xhtml, String contentType, String encoding) {}

  /** Parses as AutoDetectParser hands a document over: the detected type and the file name in the metadata. */
  private static Parsed parse(Parser parser, byte[] bytes, String name) throws Exception {
    Metadata metadata = new Metadata();
    metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    ParseContext context = new ParseContext();
    context.set(EncodingDetector.class, TIKA.getEncodingDetector());
    try (TikaInputStream in = TikaInputStream.get(bytes)) {
      metadata.set(Metadata.CONTENT_TYPE, TIKA.getDetector().detect(in, metadata).toString());
      ToXMLContentHandler xml = new ToXMLContentHandler();
      parser.parse(in, xml, metadata, context);
      return new Parsed(xml.toString(), metadata.get(Metadata.CONTENT_TYPE), metadata.get(Metadata.CONTENT_ENCODING));
    }
  }

  private static String filteredByTika(String text) throws Exception {
    ToTextContentHandler out = new ToTextContentHandler();
    XHTMLContentHandler xhtml = new XHTMLContentHandler(out, new Metadata());
    xhtml.startDocument();
    xhtml.startElement("p");
    int before = out.toString().length();
    xhtml.characters(text.toCharArray(), 0, text.length());
    String all = out.toString();
    return all.substring(before);
  }

  private static String filteredByUs(List<String> blocks) throws Exception {
    ToTextContentHandler out = new ToTextContentHandler();
    PlainTextParser.AllowedText text = new PlainTextParser.AllowedText(out);
    for (String block : blocks) {
      text.write(block.toCharArray(), 0, block.length());
    }
    text.end();
    return out.toString();
  }
}
