package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.CharArrayReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.csv.CSVResult;
import org.apache.tika.parser.csv.TextAndCSVConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TableSniffer} against Tika's own CSV sniffer, called by reflection on the same characters: the
 * same confidence for every delimiter (to the last bit) and the same verdict, text or table. On texts
 * made to reach every rule (quoted cells, doubled quotes, a quote inside a cell, spaces after delimiters,
 * runs of line breaks, the text or the mark limit ending mid-cell), on tables of many shapes, and on
 * Tika's own text test documents.
 */
@FastTest
class TableSnifferTest {
  private static final char[] DELIMITERS = {',', '\t', '|', ';', ':'};
  private static final double MIN_CONFIDENCE = 0.5;

  @Test
  void random_texts_over_the_characters_the_rules_look_at_get_tikas_confidences() throws Exception {
    Random random = new Random(20261204);
    String alphabet = "ab ,;|\t:\"\n\r";
    for (int round = 0; round < 20_000; round++) {
      char[] text = new char[random.nextInt(60)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      int markLimit = new int[] {3, 8, 25, 10_000}[random.nextInt(4)];
      assertSameAsTika(text, markLimit);
    }
  }

  @Test
  void made_tables_and_near_tables_get_tikas_confidences() throws Exception {
    Random random = new Random(42);
    int tables = 0;
    for (int round = 0; round < 5_000; round++) {
      char[] text = table(random).toCharArray();
      int markLimit = random.nextInt(4) > 0 ? 10_000 : 5 + random.nextInt(400);
      assertSameAsTika(text, markLimit);
      if (!new TableSniffer(markLimit, MIN_CONFIDENCE).saysText(text, text.length, Set.of(',', '\t', '|', ';'))) {
        tables++;
      }
    }
    assertThat(tables).as("made texts the sniffer takes for tables").isGreaterThan(300);
  }

  @ParameterizedTest
  @MethodSource("dev.ingestion.parse.TikaTestDocuments#textDocuments")
  void tikas_text_documents_get_tikas_confidences(String name) throws Exception {
    Path file = TikaTestDocuments.DIR.resolve(name);
    assertThat(file).exists();
    char[] text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).toCharArray();
    assertSameAsTika(text, 10_000);
    assertSameAsTika(text, 200);
  }

  @Test
  void the_first_rows_decide_when_the_text_is_longer_than_the_mark_limit() throws Exception {
    String rows = "a,b,c\n" + "1,2,3\n".repeat(14); // 15 rows: enough for a confidence above 0.5
    char[] text = (rows + "prose without any delimiter at all\n".repeat(400)).toCharArray();
    assertSameAsTika(text, 10_000);
    assertThat(new TableSniffer(rows.length() + 2, MIN_CONFIDENCE).saysText(text, text.length, Set.of(',')))
        .as("only the table rows are read").isFalse();
    assertThat(new TableSniffer(10_000, MIN_CONFIDENCE).saysText(text, text.length, Set.of(',')))
        .as("the prose rows are read too").isTrue();
  }

  /** Rows of cells, some quoted (with doubled quotes, spaces after them), CR, LF or both between rows. */
  private static String table(Random random) {
    char delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
    int columns = 1 + random.nextInt(4);
    StringBuilder out = new StringBuilder();
    int rows = random.nextInt(40);
    boolean ragged = random.nextInt(3) == 0;
    for (int r = 0; r < rows; r++) {
      int cells = ragged && random.nextInt(5) == 0 ? 1 + random.nextInt(5) : columns;
      for (int c = 0; c < cells; c++) {
        if (c > 0) {
          out.append(delimiter).append(random.nextInt(4) == 0 ? "  " : "");
        }
        out.append(cell(random));
      }
      out.append(new String[] {"\n", "\r\n", "\r", "\n\n"}[random.nextInt(4)]);
    }
    if (random.nextBoolean() && out.length() > 0) {
      out.setLength(random.nextInt(out.length())); // cut anywhere: mid-cell, mid-quote
    }
    return out.toString();
  }

  private static String cell(Random random) {
    return switch (random.nextInt(random.nextBoolean() ? 40 : 400)) {
      case 0, 1, 2, 3, 4 -> "\"quoted " + random.nextInt(99) + "\"";
      case 5, 6 -> "\"with \"\"doubled\"\" quotes\"";
      case 7 -> "\"closed\" x"; // something other than a delimiter after the closing quote: a parse error
      case 8 -> "in\"side"; // a quote inside a cell: a parse error
      case 9, 10 -> "";
      default -> "cell" + random.nextInt(999);
    };
  }

  private static void assertSameAsTika(char[] text, int markLimit) throws Exception {
    TableSniffer ours = new TableSniffer(markLimit, MIN_CONFIDENCE);
    List<Double> tikas = tikaConfidences(text, markLimit);
    List<Double> mine = new ArrayList<>();
    for (char delimiter : DELIMITERS) {
      mine.add(ours.confidence(text, text.length, delimiter));
    }
    String shown = new String(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    assertThat(mine).as("confidences for %s, mark limit %d", shown, markLimit).isEqualTo(tikas);

    Set<Character> defaults = new TextAndCSVConfig().getDelimiterToNameMap().keySet();
    MediaType best = tikaBest(text, markLimit, defaults).getMediaType();
    assertThat(ours.saysText(text, text.length, defaults)).as("text or table: %s", shown)
        .isEqualTo(best.equals(MediaType.TEXT_PLAIN));
  }

  /** Tika's confidence for each of {@link #DELIMITERS}, one sniffer per delimiter so that the order is known. */
  private static List<Double> tikaConfidences(char[] text, int markLimit) throws Exception {
    List<Double> out = new ArrayList<>();
    for (char delimiter : DELIMITERS) {
      out.add(tikaBest(text, markLimit, Set.of(delimiter), -10.0).getConfidence());
    }
    return out;
  }

  private static CSVResult tikaBest(char[] text, int markLimit, Set<Character> delimiters) throws Exception {
    return tikaBest(text, markLimit, delimiters, MIN_CONFIDENCE);
  }

  private static CSVResult tikaBest(char[] text, int markLimit, Set<Character> delimiters, double minConfidence)
      throws Exception {
    Class<?> type = Class.forName("org.apache.tika.parser.csv.CSVSniffer");
    Constructor<?> create = type.getDeclaredConstructor(int.class, Set.class, double.class);
    Method best = type.getDeclaredMethod("getBest", java.io.Reader.class, Metadata.class);
    create.setAccessible(true);
    best.setAccessible(true);
    Object sniffer = create.newInstance(markLimit, delimiters, minConfidence);
    return (CSVResult) best.invoke(sniffer, new CharArrayReader(text), new Metadata());
  }
}
