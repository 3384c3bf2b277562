package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.testkit.tags.SlowTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Single-line 50 MB texts, the shapes that make naive splitters quadratic: no break at all, nothing
 * but spaces, and one endless sentence. The timeout is far above the expected second or two; it is
 * there to catch a quadratic regression, which would take hours, not to measure speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SlowTest
class RecursiveChunkerLargeTextTest {
  private static final int LENGTH = 50_000_000;
  private static final ChunkerConfig CONFIG = ChunkerConfig.DEFAULT;

  private static List<Chunk> chunk(String text) {
    List<Chunk> chunks = new RecursiveChunker(CONFIG).chunk(Docs.plain(text));
    ChunkInvariants.assertHold(text, CONFIG, chunks);
    return chunks;
  }

  @Test
  void a_50_mb_line_without_spaces_is_cut_into_full_size_chunks_without_overlap() {
    String text = "abcdefghij".repeat(LENGTH / 10);

    List<Chunk> chunks = chunk(text);

    assertThat(chunks).hasSize(LENGTH / CONFIG.chunkSize());
    assertThat(chunks).allSatisfy(c -> assertThat(c.text()).hasSize(CONFIG.chunkSize()));
    ChunkInvariants.assertHashes(chunks.subList(0, 100));
  }

  @Test
  void a_50_mb_line_of_only_spaces_gives_no_chunks() {
    assertThat(chunk(" ".repeat(LENGTH))).isEmpty();
  }

  @Test
  void a_50_mb_sentence_of_words_advances_by_chunk_size_minus_overlap() {
    String text = "word ".repeat(LENGTH / 5);

    List<Chunk> chunks = chunk(text);

    // 200 words fill 999 chars; the next chunk starts at the word 100 chars back, so it moves 900
    // each time.
    assertThat(chunks).hasSize(55_556);
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allSatisfy(
            c -> {
              assertThat(c.startOffset()).isEqualTo(900 * c.ordinal());
              assertThat(c.text()).hasSize(999);
            });
    ChunkInvariants.assertHashes(chunks.subList(chunks.size() - 100, chunks.size()));
  }
}
