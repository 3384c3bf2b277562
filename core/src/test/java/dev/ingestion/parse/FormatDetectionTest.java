package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.testkit.tags.FastTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Types of text formats named by their file, and archives no parser here can open. */
@FastTest
class FormatDetectionTest {
  private static TikaDocumentParser parser;
  @TempDir Path dir;

  @BeforeAll
  static void init() {
    parser = new TikaDocumentParser(ParseLimits.DEFAULT);
  }

  @Test
  void tex_starting_with_comment_lines_is_tex_not_matlab() throws IOException {
    Path tex = write("paper.tex", "% Paper\n% Draft two\n\\documentclass{article}\n\\begin{document}\nHello.\n\\end{document}\n");

    ExtractedDocument doc = TikaDocumentParserTest.parse(parser, tex);

    assertThat(doc.metadata().mimeType()).isEqualTo("application/x-tex");
    assertThat(doc.text()).contains("Hello.");
  }

  @Test
  void matlab_source_stays_matlab() throws IOException {
    Path m = write("solve.m", "% Solve\n% the system\nx = A \\ b;\n");

    assertThat(TikaDocumentParserTest.parse(parser, m).metadata().mimeType()).isEqualTo("text/x-matlab");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"notes.rst, text/x-rst", "guide.adoc, text/x-asciidoc", "app.properties, text/x-java-properties",
      "refs.bib, application/x-bibtex-text-file", "setup.ini, text/x-ini", "config.yaml, text/x-yaml"})
  void text_formats_get_their_own_type(String name, String type) throws IOException {
    Path file = write(name, "% a comment\n% another\nkey = value text\n");

    assertThat(TikaDocumentParserTest.parse(parser, file).metadata().mimeType()).isEqualTo(type);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"a.rar, 526172211a070100, RAR", "a.cab, 4d53434600000000, CAB",
      "a.zst, 28b52ffd241399000068656c6c6f206172636869766520746578740aa718d0ec, Zstandard"})
  void archives_nothing_here_can_open_are_an_unsupported_format_named(String name, String hex, String format)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(HexFormat.of().parseHex(hex));
    bytes.writeBytes(new byte[300]);
    Path file = dir.resolve(name);
    Files.write(file, hex.length() > 16 ? HexFormat.of().parseHex(hex) : bytes.toByteArray());

    assertUnsupported(file, format);
  }

  @Test
  void an_apple_disk_image_is_an_unsupported_format() throws IOException {
    byte[] dmg = new byte[2512];
    System.arraycopy("koly".getBytes(StandardCharsets.US_ASCII), 0, dmg, 2000, 4);
    Path file = dir.resolve("installer.dmg");
    Files.write(file, dmg);

    assertUnsupported(file, "DMG");
  }

  @Test
  void text_in_a_legacy_encoding_under_a_name_that_says_nothing_is_read_as_text() throws IOException {
    // Tika's own Russian text in CP866, named as a tutorial is: Tika alone calls it application/octet-stream
    Path file = Files.copy(TikaTestDocuments.DIR.resolve("russian.cp866.txt"), dir.resolve("tutor.ru"));

    ExtractedDocument doc = TikaDocumentParserTest.parse(parser, file);

    assertThat(doc.metadata().mimeType()).isEqualTo("text/plain");
    assertThat(doc.text()).contains("Однажды, в студеную зимнюю пору");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"windows-1251, Добро пожаловать в учебник по редактору. Это текст для проверки.",
      "EUC-JP, チュートリアルへようこそ。これは文字コードの試験のための日本語の文章です。",
      "Shift_JIS, チュートリアルへようこそ。これは文字コードの試験のための日本語の文章です。",
      "Big5, 歡迎閱讀教程。這是一段用來測試字元編碼的中文文字，內容相當簡單。"})
  void japanese_chinese_and_russian_in_their_old_encodings_keep_their_words(String charset, String sentence)
      throws IOException {
    Path file = dir.resolve("tutor." + charset.toLowerCase(Locale.ROOT));
    Files.write(file, (sentence + "\n").repeat(12).getBytes(Charset.forName(charset)));

    assertThat(TikaDocumentParserTest.parse(parser, file).text()).contains(sentence);
  }

  @Test
  void bytes_that_are_not_text_stay_an_unrecognised_format() throws IOException {
    byte[] noise = new byte[4096];
    new Random(7).nextBytes(noise);
    Path file = dir.resolve("blob.bin1");
    Files.write(file, noise);

    assertUnsupported(file, "unrecognised format");
  }

  @Test
  void the_text_test_wants_no_nul_few_control_characters_and_enough_bytes() {
    byte[] cyrillic = "Привет, мир! Это проверка текста в старой кодировке, достаточно длинная."
        .getBytes(Charset.forName("windows-1251"));
    assertThat(NameTrustingDetector.looksLikeText(cyrillic, cyrillic.length)).isTrue();
    assertThat(NameTrustingDetector.looksLikeText(cyrillic, 20)).isFalse();
    byte[] withNul = cyrillic.clone();
    withNul[30] = 0;
    assertThat(NameTrustingDetector.looksLikeText(withNul, withNul.length)).isFalse();
    byte[] controls = cyrillic.clone();
    controls[10] = 0x01;
    controls[40] = 0x02;
    assertThat(NameTrustingDetector.looksLikeText(controls, controls.length)).isFalse();
  }

  /** Parsing {@code file} fails as an unsupported format whose reason names {@code named}. */
  private static void assertUnsupported(Path file, String named) {
    assertThatThrownBy(() -> TikaDocumentParserTest.parse(parser, file))
        .isInstanceOfSatisfying(DocumentException.class,
            e -> assertThat(e.category()).isEqualTo(FailureCategory.UNSUPPORTED_FORMAT))
        .hasMessageContaining(named);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
