package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunker's guarantees over random documents and random sizes; a failing seed replays exactly.
 */
@FastTest
class RecursiveChunkerPropertyTest {
  private record HeadingAt(int start, List<String> path) {}

  static LongStream seeds() {
    return LongStream.range(0, 300).map(i -> 0x5EED_0000L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void every_chunking_keeps_size_overlap_offsets_coverage_and_hash_guarantees(long seed) {
    Random random = new Random(seed);
    ExtractedDocument document = RandomDocuments.generate(random);
    ChunkerConfig config = randomConfig(random);

    List<Chunk> chunks = new RecursiveChunker(config).chunk(document);

    ChunkInvariants.assertHold(document.text(), config, chunks);
    ChunkInvariants.assertHashes(chunks);
    assertThat(new RecursiveChunker(config).chunk(document)).isEqualTo(chunks);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void every_chunk_has_the_heading_path_and_page_of_where_it_starts_and_stays_in_its_section(
      long seed) {
    Random random = new Random(seed);
    ExtractedDocument document = RandomDocuments.generate(random);
    List<HeadingAt> headings = headings(document);

    // joining small sections across a heading is tested on its own (RecursiveChunkerTest)
    ChunkerConfig random0 = randomConfig(random);
    ChunkerConfig config = new ChunkerConfig(random0.chunkSize(), random0.chunkOverlap(), 0);
    List<Chunk> chunks = new RecursiveChunker(config).chunk(document);

    for (Chunk chunk : chunks) {
      assertThat(chunk.headingPath())
          .as("path of chunk %d", chunk.ordinal())
          .isEqualTo(pathAt(headings, chunk.startOffset()));
      assertThat(headings)
          .noneMatch(h -> h.start() > chunk.startOffset() && h.start() < chunk.endOffset());
      assertThat(chunk.page())
          .as("page of chunk %d", chunk.ordinal())
          .isEqualTo(pageAt(document, chunk.startOffset()));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void consecutive_chunks_of_short_words_always_overlap(long seed) {
    Random random = new Random(seed);
    String text = RandomDocuments.shortWords(random, 200 + random.nextInt(3000));
    int size = 20 + random.nextInt(300);
    ChunkerConfig config = new ChunkerConfig(size, 10 + random.nextInt(size / 2 - 9));

    List<Chunk> chunks = new RecursiveChunker(config).chunk(Docs.plain(text));

    ChunkInvariants.assertHold(text, config, chunks);
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(ChunkInvariants.overlap(chunks.get(i - 1), chunks.get(i)))
          .isBetween(1, config.chunkOverlap());
      assertThat(text.charAt(chunks.get(i).startOffset() - 1)).isEqualTo(' ');
    }
  }

  /** Mostly realistic sizes, sometimes tiny ones, and overlaps from none up to size - 1. */
  private static ChunkerConfig randomConfig(Random random) {
    int size =
        switch (random.nextInt(4)) {
          case 0 -> 1 + random.nextInt(12);
          case 1 -> 1000;
          default -> 12 + random.nextInt(400);
        };
    int overlap =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> size - 1;
          default -> random.nextInt(size);
        };
    return new ChunkerConfig(size, overlap);
  }

  /**
   * Where each section starts and its path. A run of headings with no text between them is one
   * section, starting at the first and carrying the path of the last.
   */
  private static List<HeadingAt> headings(ExtractedDocument document) {
    List<HeadingAt> headings = new ArrayList<>();
    Deque<TextBlock> open = new ArrayDeque<>();
    boolean previousWasHeading = false;
    for (TextBlock block : document.blocks()) {
      if (block.kind() == TextBlock.Kind.HEADING) {
        open.removeIf(h -> h.level() >= block.level());
        open.addLast(block);
        List<String> path =
            open.stream().map(h -> document.text().substring(h.start(), h.end())).toList();
        int start = previousWasHeading ? headings.remove(headings.size() - 1).start() : block.start();
        headings.add(new HeadingAt(start, path));
      }
      previousWasHeading = block.kind() == TextBlock.Kind.HEADING;
    }
    return headings;
  }

  private static List<String> pathAt(List<HeadingAt> headings, int offset) {
    List<String> path = List.of();
    for (HeadingAt heading : headings) {
      if (heading.start() <= offset) {
        path = heading.path();
      }
    }
    return path;
  }

  /** Generated blocks cover all non-whitespace text, so a chunk always starts inside one. */
  private static Integer pageAt(ExtractedDocument document, int offset) {
    for (TextBlock block : document.blocks()) {
      if (block.start() <= offset && offset < block.end()) {
        return block.page();
      }
    }
    return null;
  }
}
