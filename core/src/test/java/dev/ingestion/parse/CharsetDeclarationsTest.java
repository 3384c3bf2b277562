package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.SlowTest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.CompositeEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.HtmlEncodingDetector;
import org.junit.jupiter.api.Test;

/** The checked HTML charset detector gives Tika's answers, and leaves the stream where it found it. */
@SlowTest
class CharsetDeclarationsTest {
  private final HtmlEncodingDetector tika = new HtmlEncodingDetector();
  private final CharsetDeclarations checked = new CharsetDeclarations(new HtmlEncodingDetector());

  @Test
  void real_documents_and_their_heads_get_tikas_answer() throws Exception {
    int declared = 0;
    int files = 0;
    for (Path f : TikaTestDocuments.withSamples()) {
      byte[] bytes = Files.readAllBytes(f);
      files++;
      Charset expected = tika.detect(stream(bytes), new Metadata());
      assertThat(checked.detect(stream(bytes), new Metadata())).as(f.toString()).isEqualTo(expected);
      if (expected != null) {
        declared++;
      }
    }
    assertThat(files).isGreaterThan(300);
    assertThat(declared).as("some documents declare a charset, so both paths are taken").isGreaterThan(10);
  }

  @Test
  void declarations_in_any_case_anywhere_in_the_head_or_beyond_it() throws Exception {
    List<String> heads = new ArrayList<>(List.of("", "c", "charse", "charset", "<meta charset=utf-8>",
        "<META CHARSET='ISO-8859-1'>", "<meta http-equiv=\"Content-Type\" content=\"text/html; ChArSeT=windows-1251\">",
        "<!-- <meta charset=koi8-r> --><p>", "<meta charset=\"x-user-defined\">", "<meta charset=unicode>",
        "<meta charset=nonsense-42>", "<meta name=x content=\"charset= utf-16le\">", "<meta/charset=utf-8>",
        "plain text mentioning the charset of nothing", "<meta c harset=utf-8>", "<meta cHarseT  =  big5>"));
    Random random = new Random(5);
    for (int i = 0; i < 40; i++) {
      StringBuilder filler = new StringBuilder();
      int n = random.nextInt(9000);
      for (int k = 0; k < n; k++) {
        filler.append((char) (32 + random.nextInt(95)));
      }
      heads.add(filler + "<meta charset=\"iso-8859-2\">");
      heads.add("<meta charset=\"iso-8859-2\">" + filler);
    }
    for (String head : heads) {
      for (Charset encoding : List.of(StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16LE)) {
        byte[] bytes = head.getBytes(encoding);
        assertThat(checked.detect(stream(bytes), new Metadata())).as(head + " in " + encoding)
            .isEqualTo(tika.detect(stream(bytes), new Metadata()));
      }
    }
    byte[] high = new byte[9000];
    java.util.Arrays.fill(high, (byte) 0xE3);
    assertThat(checked.detect(stream(high), new Metadata())).isNull();
    assertThat(checked.detect(null, new Metadata())).isNull();
  }

  @Test
  void the_stream_is_read_from_its_start_afterwards() throws Exception {
    byte[] bytes = "just some text, no declaration at all".getBytes(StandardCharsets.US_ASCII);
    InputStream in = stream(bytes);
    assertThat(checked.detect(in, new Metadata())).isNull();
    assertThat(in.readAllBytes()).isEqualTo(bytes);
  }

  @Test
  void tikas_default_detectors_keep_their_order_with_the_html_one_checked() throws Exception {
    TikaConfig config;
    try (InputStream in = TikaDocumentParser.class.getResourceAsStream("tika-config.xml")) {
      config = new TikaConfig(in);
    }
    List<EncodingDetector> before = ((CompositeEncodingDetector) config.getEncodingDetector()).getDetectors();
    List<EncodingDetector> after = ((CompositeEncodingDetector) CharsetDeclarations.around(config.getEncodingDetector()))
        .getDetectors();
    assertThat(after).hasSameSizeAs(before);
    assertThat(before.get(0)).isInstanceOf(HtmlEncodingDetector.class);
    assertThat(after.get(0)).isInstanceOf(CharsetDeclarations.class);
    assertThat(after.subList(1, after.size())).containsExactlyElementsOf(before.subList(1, before.size()));
  }

  private static InputStream stream(byte[] bytes) {
    return new BufferedInputStream(new ByteArrayInputStream(bytes));
  }
}
