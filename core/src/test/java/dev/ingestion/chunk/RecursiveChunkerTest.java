package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RecursiveChunkerTest {
  private static final DocumentMetadata META = DocumentMetadata.unknown("text/plain");

  private static ExtractedDocument plain(String text) {
    return new ExtractedDocument(text, List.of(), META, false);
  }

  /** Builds text and blocks from (level, text) pairs; level 0 is body. */
  private static ExtractedDocument structured(Object... levelAndText) {
    StringBuilder sb = new StringBuilder();
    List<TextBlock> blocks = new ArrayList<>();
    for (int i = 0; i < levelAndText.length; i += 2) {
      int level = (Integer) levelAndText[i];
      String t = (String) levelAndText[i + 1];
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      int start = sb.length();
      sb.append(t);
      blocks.add(level > 0 ? TextBlock.heading(level, start, sb.length(), null) : TextBlock.body(start, sb.length(), null));
    }
    return new ExtractedDocument(sb.toString(), blocks, META, false);
  }

  static void assertInvariants(ExtractedDocument doc, List<Chunk> chunks, ChunkerConfig cfg) {
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertThat(c.ordinal()).isEqualTo(i);
      assertThat(c.text().length()).isLessThanOrEqualTo(cfg.chunkSize());
      assertThat(c.text()).isNotBlank();
      assertThat(doc.text().substring(c.startOffset(), c.endOffset())).isEqualTo(c.text());
      assertThat(Character.isLowSurrogate(doc.text().charAt(c.startOffset()))).as("starts inside a surrogate pair").isFalse();
      assertThat(Character.isHighSurrogate(doc.text().charAt(c.endOffset() - 1))).as("ends inside a surrogate pair").isFalse();
      if (i > 0) {
        Chunk prev = chunks.get(i - 1);
        assertThat(c.startOffset()).isGreaterThan(prev.startOffset());
        assertThat(Math.max(0, prev.endOffset() - c.startOffset())).isLessThanOrEqualTo(cfg.chunkOverlap());
      }
    }
  }

  /** Every non-whitespace character of the text lies in some chunk. */
  static void assertCovers(String text, List<Chunk> chunks) {
    boolean[] covered = new boolean[text.length()];
    for (Chunk c : chunks) {
      for (int i = c.startOffset(); i < c.endOffset(); i++) {
        covered[i] = true;
      }
    }
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i)) && !covered[i]) {
        throw new AssertionError("character " + i + " ('" + text.charAt(i) + "') is in no chunk");
      }
    }
  }

  @Test
  void short_text_is_one_chunk() {
    List<Chunk> chunks = new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(plain("  Hello world.  "));
    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.text()).isEqualTo("Hello world.");
      assertThat(c.startOffset()).isEqualTo(2);
      assertThat(c.contentHash()).hasSize(64);
    });
  }

  @Test
  void paragraphs_are_kept_whole_when_they_fit() {
    String p1 = "a ".repeat(200).trim();
    String p2 = "b ".repeat(200).trim();
    String p3 = "c ".repeat(200).trim();
    ExtractedDocument doc = plain(p1 + "\n\n" + p2 + "\n\n" + p3);
    List<Chunk> chunks = new RecursiveChunker(new ChunkerConfig(900, 0)).chunk(doc);
    assertThat(chunks).extracting(Chunk::text).containsExactly(p1 + "\n\n" + p2, p3);
  }

  @Test
  void long_paragraphs_split_at_sentences_then_words() {
    String sentence = "This sentence has exactly eight words in it. ";
    ExtractedDocument doc = plain(sentence.repeat(100));
    ChunkerConfig cfg = new ChunkerConfig(200, 0);
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(doc);
    assertInvariants(doc, chunks, cfg);
    assertThat(chunks).allSatisfy(c -> assertThat(c.text()).endsWith("."));
  }

  @Test
  void consecutive_chunks_overlap_at_a_word_boundary() {
    String text = IntStream.range(0, 400).mapToObj(i -> "word" + i).reduce((a, b) -> a + " " + b).orElseThrow();
    ChunkerConfig cfg = new ChunkerConfig(300, 60);
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(plain(text));
    assertInvariants(plain(text), chunks, cfg);
    for (int i = 1; i < chunks.size(); i++) {
      int overlap = chunks.get(i - 1).endOffset() - chunks.get(i).startOffset();
      assertThat(overlap).isPositive();
      assertThat(text.charAt(chunks.get(i).startOffset() - 1)).isEqualTo(' ');
    }
  }

  @Test
  void headings_give_chunks_their_path_and_chunks_never_span_sections() {
    ExtractedDocument doc = structured(1, "Guide", 0, "Intro text.", 2, "Install", 0, "Install text.",
        3, "Linux", 0, "Linux text.", 2, "Usage", 0, "Usage text.", 1, "Appendix", 0, "More.");
    List<Chunk> chunks = new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(doc);
    assertThat(chunks).extracting(Chunk::headingPath).containsExactly(
        List.of("Guide"), List.of("Guide", "Install"), List.of("Guide", "Install", "Linux"),
        List.of("Guide", "Usage"), List.of("Appendix"));
    assertThat(chunks.get(2).text()).isEqualTo("Linux\n\nLinux text.");
  }

  @Test
  void a_heading_without_text_of_its_own_is_carried_by_the_path_below_it() {
    ExtractedDocument doc = structured(1, "Policy", 2, "Scope", 0, "Applies to all.");
    List<Chunk> chunks = new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(doc);
    assertThat(chunks).singleElement().satisfies(c -> assertThat(c.headingPath()).containsExactly("Policy", "Scope"));
  }

  @Test
  void markdown_hashes_are_not_part_of_heading_paths() {
    String text = "# Title\n\nBody.";
    ExtractedDocument doc = new ExtractedDocument(text,
        List.of(TextBlock.heading(1, 0, 7, null), TextBlock.body(9, 14, null)), META, false);
    assertThat(new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(doc).get(0).headingPath()).containsExactly("Title");
  }

  @Test
  void chunks_carry_the_page_they_start_on() {
    String p1 = "x".repeat(90);
    String p2 = "y".repeat(90);
    String text = p1 + "\n\n" + p2;
    ExtractedDocument doc = new ExtractedDocument(text,
        List.of(TextBlock.body(0, 90, 1), TextBlock.body(92, 182, 2)), META, false);
    List<Chunk> chunks = new RecursiveChunker(new ChunkerConfig(100, 0)).chunk(doc);
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 2);
  }

  @Test
  void cjk_text_without_spaces_is_split_and_overlapped_by_characters() {
    String text = "東京は日本の首都です。人口は約千四百万人です。".repeat(60);
    ChunkerConfig cfg = new ChunkerConfig(100, 20);
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(plain(text));
    assertInvariants(plain(text), chunks, cfg);
    assertCovers(text, chunks);
    assertThat(chunks.get(0).text()).endsWith("。");
  }

  @Test
  void emoji_surrogate_pairs_and_combining_marks_are_never_cut() {
    String text = "😀👍🏽é\u0301".repeat(500);
    ChunkerConfig cfg = new ChunkerConfig(37, 5);
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(plain(text));
    assertInvariants(plain(text), chunks, cfg);
    assertCovers(text, chunks);
  }

  @Test
  void right_to_left_text_keeps_its_order() {
    String arabic = "هذه جملة عربية للاختبار. ";
    String hebrew = "זהו משפט בעברית לבדיקה. ";
    String text = (arabic + hebrew).repeat(80);
    ChunkerConfig cfg = new ChunkerConfig(150, 30);
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(plain(text));
    assertInvariants(plain(text), chunks, cfg);
    assertCovers(text, chunks);
  }

  @Test
  void a_single_line_of_fifty_megabytes_chunks_in_linear_time() {
    StringBuilder sb = new StringBuilder(50_000_000);
    Random random = new Random(7);
    while (sb.length() < 50_000_000) {
      sb.append("token").append(random.nextInt(1000)).append(random.nextInt(10) == 0 ? ". " : " ");
    }
    String text = sb.toString();
    ChunkerConfig cfg = ChunkerConfig.DEFAULT;
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(plain(text));
    assertThat(chunks.size()).isBetween(50_000_000 / 1000, 50_000_000 / 800);
    assertInvariants(plain(text), chunks, cfg);
  }

  @Test
  void a_single_fifty_megabyte_token_is_hard_split() {
    String text = "x".repeat(50_000_000);
    List<Chunk> chunks = new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(plain(text));
    assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(1000));
    assertCovers(text, chunks);
  }

  @Test
  void the_same_input_always_gives_the_same_chunks() {
    String text = randomText(new Random(3), 20_000);
    RecursiveChunker chunker = new RecursiveChunker(new ChunkerConfig(500, 50));
    assertThat(chunker.chunk(plain(text))).isEqualTo(chunker.chunk(plain(text)));
  }

  @Test
  void invalid_settings_are_refused_with_the_key_name() {
    assertThatThrownBy(() -> new ChunkerConfig(0, 0)).hasMessageContaining("chunk_size");
    assertThatThrownBy(() -> new ChunkerConfig(100, 100)).hasMessageContaining("chunk_overlap");
  }

  static Stream<Long> seeds() {
    return LongStream.range(0, 40).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void random_texts_and_settings_keep_every_invariant(long seed) {
    Random random = new Random(seed);
    int size = 20 + random.nextInt(2000);
    ChunkerConfig cfg = new ChunkerConfig(size, random.nextInt(size / 2 + 1));
    String text = randomText(random, 1 + random.nextInt(30_000));
    List<Chunk> chunks = new RecursiveChunker(cfg).chunk(plain(text));
    assertInvariants(plain(text), chunks, cfg);
    assertCovers(text, chunks);
  }

  private static String randomText(Random r, int length) {
    String[] pieces = {"alpha", "beta", "gamma", "δέλτα", "東京", "😀", ".", ". ", "! ", "? ", "\n", "\n\n", " ", "  ",
        "\t", "x".repeat(1 + r.nextInt(3000)), "é\u0301", "مرحبا"};
    StringBuilder sb = new StringBuilder();
    while (sb.length() < length) {
      sb.append(pieces[r.nextInt(pieces.length)]);
      if (r.nextInt(3) > 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  private static final class LongStream {
    static java.util.stream.LongStream range(long a, long b) {
      return java.util.stream.LongStream.range(a, b);
    }
  }
}
