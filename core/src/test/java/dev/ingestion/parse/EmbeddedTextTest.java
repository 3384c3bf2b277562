package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.SlowTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.sax.ToXMLContentHandler;
import org.apache.tika.sax.XHTMLContentHandler;
import org.junit.jupiter.api.Test;
import org.xml.sax.ContentHandler;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The text of a document inside a container reaches the container's output past Tika's per-character
 * filter, and comes out the same: every character XHTML does not allow replaced as Tika's filter
 * replaces it, every element still through the container's XHTML handler.
 */
@SlowTest
class EmbeddedTextTest {
  private static final String TEXT = "entry a\u0000b\tc\rd\ne\u0008f\u007Fg\u0085h\u00A0i\uFFFEj\uD800k\uDC00l"
      + "\uD83D\uDE00m\uFEFFn end";

  @Test
  void a_package_entrys_characters_come_out_as_through_tikas_filter() throws Exception {
    assertThat(containerOutput(true)).isEqualTo(containerOutput(false)).contains("<h1>entry.txt</h1>")
        .contains("a\uFFFDb\tc").contains("f\uFFFDg\uFFFDh").contains("\uD83D\uDE00m");
  }

  @Test
  void only_a_package_entry_in_tikas_xhtml_output_is_given_the_quick_path() {
    XHTMLContentHandler xhtml = new XHTMLContentHandler(new ToXMLContentHandler(), new Metadata());
    assertThat(EmbeddedText.around(xhtml, true)).isInstanceOf(EmbeddedText.class);
    assertThat(EmbeddedText.around(xhtml, false)).isSameAs(xhtml);
    ToXMLContentHandler plain = new ToXMLContentHandler();
    assertThat(EmbeddedText.around(plain, true)).isSameAs(plain);
  }

  @Test
  void a_compressed_text_file_is_read_with_its_control_characters_replaced() throws Exception {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(("Release notes\n\nVersion 2 fixes the \u0001parser\u0085 and the writer.\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    var parser = new TikaDocumentParser(ParseLimits.DEFAULT);
    var doc = parser.parse(new java.io.ByteArrayInputStream(gz.toByteArray()), "NEWS.gz", gz.size());
    assertThat(doc.text()).contains("Version 2 fixes the \uFFFDparser\uFFFD and the writer.")
        .doesNotContain("\u0001").doesNotContain("\u0085");
  }

  /** A container's output with one package entry, its text passed as the extractor passes it. */
  private static String containerOutput(boolean quick) throws Exception {
    ToXMLContentHandler xml = new ToXMLContentHandler();
    XHTMLContentHandler container = new XHTMLContentHandler(xml, new Metadata());
    container.startDocument();
    ContentHandler entry = quick ? EmbeddedText.around(container, true) : container;
    AttributesImpl div = new AttributesImpl();
    div.addAttribute("", "class", "class", "CDATA", "package-entry");
    entry.startElement(XHTMLContentHandler.XHTML, "div", "div", div);
    entry.startElement(XHTMLContentHandler.XHTML, "h1", "h1", new AttributesImpl());
    entry.characters("entry.txt".toCharArray(), 0, 9);
    entry.endElement(XHTMLContentHandler.XHTML, "h1", "h1");
    entry.startElement(XHTMLContentHandler.XHTML, "p", "p", new AttributesImpl());
    char[] chars = TEXT.toCharArray();
    entry.characters(chars, 0, 20);
    entry.characters(chars, 20, chars.length - 20);
    entry.endElement(XHTMLContentHandler.XHTML, "p", "p");
    entry.endElement(XHTMLContentHandler.XHTML, "div", "div");
    container.endDocument();
    return xml.toString();
  }
}
