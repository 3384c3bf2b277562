package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No chunk is a heading alone; small fragments and small sections join their neighbours. */
@FastTest
class RetrievableChunksTest {
  private static final String SENTENCE = "The quick brown fox jumps over the lazy dog. ";

  private static List<Chunk> chunk(ExtractedDocument doc, ChunkerConfig config) {
    List<Chunk> chunks = new RecursiveChunker(config).chunk(doc);
    ChunkInvariants.assertHold(doc.text(), config, chunks);
    return chunks;
  }

  @Test
  void a_heading_followed_by_a_long_paragraph_shares_a_chunk_with_its_first_sentences() {
    String paragraph = SENTENCE.repeat(23).strip();
    ExtractedDocument doc = Docs.builder().heading(1, "Travel").body(paragraph).build();

    List<Chunk> chunks = chunk(doc, new ChunkerConfig(1000, 0));

    assertThat(paragraph.length() + "Travel\n\n".length()).isGreaterThan(1000);
    assertThat(chunks.get(0).text()).startsWith("Travel\n\nThe quick brown fox");
    assertThat(chunks).noneMatch(c -> c.text().equals("Travel"));
  }

  @Test
  void a_heading_directly_followed_by_a_subheading_joins_its_section() {
    ExtractedDocument doc = Docs.builder().heading(1, "Policies").heading(2, "Travel")
        .body(SENTENCE.repeat(6)).build();

    List<Chunk> chunks = chunk(doc, ChunkerConfig.DEFAULT);

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.text()).startsWith("Policies\n\nTravel\n\nThe quick");
      assertThat(c.headingPath()).containsExactly("Policies", "Travel");
    });
  }

  @Test
  void a_fragment_under_the_minimum_merges_with_a_neighbour_when_both_fit() {
    String text = "x".repeat(1000);
    SmallChunkMerger merger = new SmallChunkMerger(new TextScan(text), SpanSize.characters(), new ChunkerConfig(1000, 0, 200));
    merger.accept(0, 700);
    merger.accept(700, 750);
    merger.accept(750, 1000);

    assertThat(merger.drain()).containsExactly(new int[] {0, 700}, new int[] {700, 1000});

    merger.accept(0, 900);
    merger.accept(900, 950);
    assertThat(merger.drain()).containsExactly(new int[] {0, 950});
  }

  @Test
  void a_section_smaller_than_the_minimum_joins_the_next_section_keeping_its_own_path() {
    ExtractedDocument doc = Docs.builder().heading(1, "CDBS").body("A short note.")
        .heading(1, "Pybuild").body(SENTENCE.repeat(8)).build();

    List<Chunk> chunks = chunk(doc, ChunkerConfig.DEFAULT);

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.text()).startsWith("CDBS\n\nA short note.\n\nPybuild");
      assertThat(c.headingPath()).containsExactly("CDBS");
    });
    assertThat(chunk(doc, new ChunkerConfig(1000, 100, 0))).hasSize(2);
  }

  @Test
  void a_run_of_small_sections_such_as_sheets_becomes_one_chunk() {
    ExtractedDocument doc = Docs.builder().heading(1, "Sheet1").block(TextBlock.Kind.TABLE, "| date |\n| --- |")
        .heading(1, "Sheet2").block(TextBlock.Kind.TABLE, "| 9/20/2018 |\n| --- |")
        .heading(1, "Sheet3").block(TextBlock.Kind.TABLE, "| 8/10/1996 |\n| --- |").build();

    List<Chunk> chunks = chunk(doc, ChunkerConfig.DEFAULT);

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.text()).startsWith("Sheet1").endsWith("| 8/10/1996 |\n| --- |");
      assertThat(c.headingPath()).containsExactly("Sheet1");
    });
  }

  @Test
  void a_small_last_section_joins_the_chunk_before_it() {
    String long1 = SENTENCE.repeat(15).strip();
    ExtractedDocument doc = Docs.builder().heading(1, "Feuil1").body(long1).heading(1, "Feuil2")
        .heading(1, "Feuil3").build();

    List<Chunk> chunks = chunk(doc, ChunkerConfig.DEFAULT);

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.text()).startsWith("Feuil1\n\nThe quick").endsWith("Feuil2\n\nFeuil3");
      assertThat(c.headingPath()).containsExactly("Feuil1");
    });
  }

  @Test
  void a_small_section_between_two_full_ones_joins_the_one_before_when_the_next_is_too_large() {
    String full = SENTENCE.repeat(22).strip();
    ExtractedDocument doc = Docs.builder().heading(1, "A").body(SENTENCE.repeat(10).strip())
        .heading(1, "B").body("A short note.").heading(1, "C").body(full).build();

    List<Chunk> chunks = chunk(doc, ChunkerConfig.DEFAULT);

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).text()).endsWith("B\n\nA short note.");
    assertThat(chunks.get(1).headingPath()).containsExactly("C");
    assertThat(chunk(doc, new ChunkerConfig(1000, 100, 0))).hasSize(3);
  }

  @Test
  void min_chunk_size_must_lie_between_zero_and_chunk_size() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new ChunkerConfig(100, 10, 101)).withMessageContaining("min_chunk_size");
    assertThat(new ChunkerConfig(100, 10).minChunkSize()).isEqualTo(100);
    assertThat(ChunkerConfig.DEFAULT.minChunkSize()).isEqualTo(200);
  }
}
