package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.testkit.tags.FastTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@FastTest
class RecursiveChunkerUnicodeTest {
  private static final String FAMILY =
      "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66";
  private static final String THUMBS_UP_MEDIUM = "\ud83d\udc4d\ud83c\udffd";
  private static final String GRINNING = "\ud83d\ude00";

  private static List<Chunk> chunk(String text, int size, int overlap) {
    ChunkerConfig config = new ChunkerConfig(size, overlap);
    List<Chunk> chunks = new RecursiveChunker(config).chunk(Docs.plain(text));
    ChunkInvariants.assertHold(text, config, chunks);
    ChunkInvariants.assertHashes(chunks);
    return chunks;
  }

  private static List<String> texts(List<Chunk> chunks) {
    return chunks.stream().map(Chunk::text).toList();
  }

  @Test
  void cjk_text_without_spaces_splits_after_full_stops() {
    String text = "今日は良い天気です。明日も晴れるでしょう！本当ですか？";

    assertThat(texts(chunk(text, 12, 0))).containsExactly("今日は良い天気です。", "明日も晴れるでしょう！", "本当ですか？");
  }

  @Test
  void cjk_chunks_overlap_starting_next_to_a_han_or_kana_character() {
    String text = "今日は良い天気です。明日も晴れるでしょう。".repeat(10);

    List<Chunk> chunks = chunk(text, 30, 8);

    assertThat(chunks).hasSizeGreaterThan(5);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(ChunkInvariants.overlap(chunks.get(i - 1), chunks.get(i))).isBetween(1, 8);
      assertThat(Character.UnicodeScript.of(chunks.get(i).text().codePointAt(0)))
          .isIn(
              Character.UnicodeScript.HAN,
              Character.UnicodeScript.HIRAGANA,
              Character.UnicodeScript.KATAKANA);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 5, 7, 11, 13, 101})
  void han_characters_outside_the_bmp_are_never_cut_in_half(int size) {
    String text = "\ud840\udc00\ud840\udc01\u4e00".repeat(300);

    List<Chunk> chunks = chunk(text, size, size / 3);

    assertThat(chunks).allSatisfy(c -> assertNoLoneSurrogate(c.text()));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 5, 9, 10, 33})
  void emoji_surrogate_pairs_are_never_split(int size) {
    String text = (GRINNING.repeat(7) + " " + GRINNING.repeat(40) + "\n").repeat(20);

    List<Chunk> chunks = chunk(text, size, size / 2);

    assertThat(chunks).allSatisfy(c -> assertNoLoneSurrogate(c.text()));
  }

  @Test
  void a_chunk_size_of_one_cuts_a_surrogate_pair_because_the_size_limit_comes_first() {
    assertThat(texts(chunk(GRINNING, 1, 0))).containsExactly("\ud83d", "\ude00");
  }

  @Test
  void zero_width_joiner_sequences_and_skin_tones_stay_whole() {
    assertThat(texts(chunk(FAMILY.repeat(5), 20, 0))).containsOnly(FAMILY);
    assertThat(texts(chunk(THUMBS_UP_MEDIUM.repeat(5), 7, 0))).containsOnly(THUMBS_UP_MEDIUM);
  }

  @Test
  void combining_marks_stay_with_their_base_letter() {
    String decomposed = "e\u0301";

    assertThat(texts(chunk(decomposed.repeat(20), 7, 0)))
        .containsOnly(decomposed.repeat(3), decomposed.repeat(2));
    assertThat(texts(chunk(("a" + "\u0308".repeat(19)).repeat(4), 30, 0)))
        .containsOnly("a" + "\u0308".repeat(19));
  }

  @Test
  void an_absurdly_long_combining_sequence_is_cut_at_the_size_rather_than_exceeding_it() {
    String zalgo = ("Z" + "\u0336".repeat(80)).repeat(3);

    List<Chunk> chunks = chunk(zalgo, 20, 5);

    assertThat(chunks).hasSizeGreaterThanOrEqualTo(zalgo.length() / 20);
  }

  @Test
  void arabic_text_splits_between_words_and_after_its_question_mark() {
    String text = "مرحبا بالعالم، هذا نص عربي طويل بعض الشيء؟ نعم هذا صحيح. شكرا لكم جميعا";

    List<Chunk> chunks = chunk(text, 45, 0);

    assertThat(texts(chunks)).first().asString().endsWith("؟");
    assertWordsWhole(text, chunks);
    assertThat(String.join(" ", texts(chunks))).isEqualTo(text);
  }

  @Test
  void hebrew_text_with_direction_marks_keeps_its_words_whole_under_overlap() {
    String text = ("\u200fשלום עולם, זהו טקסט בעברית שנועד לבדוק חלוקה למקטעים. ").repeat(12);

    List<Chunk> chunks = chunk(text, 50, 15);

    assertWordsWhole(text, chunks);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(ChunkInvariants.overlap(chunks.get(i - 1), chunks.get(i))).isBetween(1, 15);
    }
  }

  private static void assertNoLoneSurrogate(String text) {
    assertThat(
            text.codePoints()
                .filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE))
        .as("lone surrogates in %s", text)
        .isEmpty();
  }

  private static void assertWordsWhole(String text, List<Chunk> chunks) {
    for (Chunk c : chunks) {
      assertThat(c.startOffset() == 0 || Character.isWhitespace(text.charAt(c.startOffset() - 1)))
          .as("chunk %d starts a word", c.ordinal())
          .isTrue();
      assertThat(
              c.endOffset() == text.length() || Character.isWhitespace(text.charAt(c.endOffset())))
          .as("chunk %d ends a word", c.ordinal())
          .isTrue();
    }
  }
}
