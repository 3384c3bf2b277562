package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.ConfigException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.testkit.tags.FastTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sizes counted by a {@link TokenCounter}. The counters here are stand-ins with known counts (the real
 * tokenizer is tested in the embeddings module): one token per word and punctuation mark, and one that makes
 * two tokens of every character, so that a character-sized cut is too large.
 */
@FastTest
class TokenSizedChunksTest {
  /** Words and punctuation marks, as a BERT pre-tokenizer separates them (no-break spaces are spaces). */
  private static final TokenCounter WORDS = text -> {
    int n = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean letter = Character.isLetterOrDigit(c);
      boolean space = Character.isWhitespace(c) || Character.getType(c) == Character.SPACE_SEPARATOR;
      n += !space && (!letter || !inWord) ? 1 : 0;
      inWord = letter;
    }
    return n;
  };
  private static final TokenCounter TWO_PER_CHAR = text -> 2 * text.strip().length();

  private static String randomText(long seed, int words) {
    Random random = new Random(seed);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      int r = random.nextInt(40);
      text.append(r == 0 ? "\n\n" : r == 1 ? ". " : r == 2 ? "x".repeat(60) + " " : "w" + random.nextInt(999) + " ");
    }
    return text.toString();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void chunks_counted_in_tokens_keep_every_guarantee_in_tokens(long seed) {
    ExtractedDocument doc = Docs.builder().heading(1, "Title").body(randomText(seed, 3000))
        .heading(2, "Part").body(randomText(seed + 100, 500)).build();
    ChunkerConfig config = new ChunkerConfig(100, 20, 30, ChunkUnit.TOKENS);

    List<Chunk> chunks = new RecursiveChunker(config, WORDS).chunk(doc);

    ChunkInvariants.assertHold(doc.text(), config, chunks, WORDS::count);
    assertThat(chunks.stream().mapToInt(c -> WORDS.count(c.text())).max().orElseThrow()).isGreaterThan(80);
    assertThat(chunks).anySatisfy(c -> assertThat(c.text().length()).isGreaterThan(100));
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void a_range_counted_from_its_words_matches_the_counter_on_the_range_itself(long seed) {
    String text = randomText(seed, 400).replace("w1", "w1\u00a0\t").replace("w2", "w,2\r\n");
    SpanSize size = SpanSize.tokens(text, WORDS);
    Random random = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      int start = random.nextInt(text.length());
      int end = start + random.nextInt(text.length() - start + 1);
      assertThat(size.of(start, end)).as("[%d, %d)", start, end).isEqualTo(WORDS.count(text.substring(start, end)));
    }
  }

  @Test
  void a_run_without_spaces_is_cut_until_each_part_fits_in_tokens() {
    ExtractedDocument doc = Docs.plain("y".repeat(500));
    ChunkerConfig config = new ChunkerConfig(50, 0, 0, ChunkUnit.TOKENS);

    List<Chunk> chunks = new RecursiveChunker(config, TWO_PER_CHAR).chunk(doc);

    ChunkInvariants.assertHold(doc.text(), config, chunks, TWO_PER_CHAR::count);
    assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isBetween(13, 25));
  }

  @Test
  void tokens_without_a_tokenizer_on_the_class_path_fail_with_one_line_saying_what_to_add() {
    assertThatThrownBy(() -> new RecursiveChunker(new ChunkerConfig(256, 32, 50, ChunkUnit.TOKENS)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pipeline.chunk_unit").hasMessageContaining("add ingestion-embeddings")
        .hasMessageNotContaining("\n");
  }
}
