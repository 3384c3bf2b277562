package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import dev.ingestion.testkit.tags.FastTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@FastTest
class RecursiveChunkerTest {
  private static final String SENTENCE = "The quick brown fox jumps over the lazy dog.";

  /** Without a minimum chunk size: joining small sections is tested in RetrievableChunksTest. */
  private static List<Chunk> chunk(ExtractedDocument document, int size, int overlap) {
    ChunkerConfig config = new ChunkerConfig(size, overlap, 0);
    List<Chunk> chunks = new RecursiveChunker(config).chunk(document);
    ChunkInvariants.assertHold(document.text(), config, chunks);
    return chunks;
  }

  private static List<String> texts(List<Chunk> chunks) {
    return chunks.stream().map(Chunk::text).toList();
  }

  @Test
  void short_text_becomes_one_trimmed_chunk_with_matching_offsets() {
    List<Chunk> chunks = chunk(Docs.plain("  \n Hello world. \n\n"), 100, 10);

    assertThat(chunks)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.text()).isEqualTo("Hello world.");
              assertThat(c.startOffset()).isEqualTo(4);
              assertThat(c.endOffset()).isEqualTo(16);
              assertThat(c.headingPath()).isEmpty();
              assertThat(c.page()).isNull();
            });
  }

  @Test
  void empty_and_whitespace_only_texts_give_no_chunks() {
    assertThat(new RecursiveChunker().chunk(Docs.plain(""))).isEmpty();
    assertThat(new RecursiveChunker().chunk(Docs.plain(" \n\t\u3000\n\n  "))).isEmpty();
  }

  @Test
  void paragraphs_that_fit_together_are_merged_into_one_chunk() {
    assertThat(texts(chunk(Docs.plain("One.\n\nTwo.\n\nThree."), 100, 0)))
        .containsExactly("One.\n\nTwo.\n\nThree.");
  }

  @Test
  void a_split_falls_on_a_paragraph_boundary_before_a_sentence_boundary() {
    String first = "First para. Still first.";
    String second = "Second para. Still second.";

    assertThat(texts(chunk(Docs.plain(first + "\n \r\n" + second), 40, 0)))
        .containsExactly(first, second);
  }

  @Test
  void a_paragraph_longer_than_the_chunk_size_is_split_at_sentence_ends() {
    String paragraph = (SENTENCE + " ").repeat(6).strip();

    List<Chunk> chunks = chunk(Docs.plain(paragraph), 100, 0);

    assertThat(chunks).hasSize(3);
    assertThat(texts(chunks)).allSatisfy(t -> assertThat(t).startsWith("The").endsWith("dog."));
  }

  @Test
  void sentences_end_at_question_and_exclamation_marks_and_closing_quotes_but_not_inside_numbers() {
    String text = "Is pi 3.14? \"Yes!\" It is. Done";

    assertThat(texts(chunk(Docs.plain(text), 12, 0)))
        .containsExactly("Is pi 3.14?", "\"Yes!\"", "It is. Done");
  }

  @Test
  void a_line_break_ends_a_sentence() {
    assertThat(texts(chunk(Docs.plain("alpha beta\ngamma delta"), 12, 0)))
        .containsExactly("alpha beta", "gamma delta");
  }

  @Test
  void a_sentence_longer_than_the_chunk_size_is_split_between_words() {
    String sentence =
        "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor";

    List<Chunk> chunks = chunk(Docs.plain(sentence), 20, 0);

    assertThat(String.join(" ", texts(chunks))).isEqualTo(sentence);
    assertThat(chunks)
        .allSatisfy(c -> assertThat(sentence.split(" ")).contains(c.text().split(" ")));
  }

  @Test
  void a_word_longer_than_the_chunk_size_is_cut_hard_at_the_size() {
    String word = "x".repeat(25);

    assertThat(texts(chunk(Docs.plain("a " + word + " b"), 10, 0)))
        .containsExactly("a", "xxxxxxxxxx", "xxxxxxxxxx", "xxxxx b");
  }

  @Test
  void each_next_chunk_starts_a_few_words_back_within_the_overlap() {
    String text = "one two three four five six seven eight nine ten eleven twelve";

    List<Chunk> chunks = chunk(Docs.plain(text), 30, 12);

    assertThat(texts(chunks))
        .containsExactly(
            "one two three four five six",
            "five six seven eight nine ten",
            "nine ten eleven twelve");
    for (int i = 1; i < chunks.size(); i++) {
      assertThat(ChunkInvariants.overlap(chunks.get(i - 1), chunks.get(i))).isBetween(1, 12);
      assertThat(text.charAt(chunks.get(i).startOffset() - 1)).isEqualTo(' ');
    }
  }

  @Test
  void overlap_gives_way_when_the_next_piece_would_not_fit_behind_it() {
    String first = "aaaa bbbb cccc dddd";
    String second = "eeee ffff gggg hhhh";

    List<Chunk> chunks = chunk(Docs.plain(first + "\n\n" + second), 25, 10);

    assertThat(texts(chunks)).containsExactly(first, "dddd\n\n" + second);
  }

  @Test
  void no_overlap_is_made_when_the_previous_chunk_ends_in_a_word_with_no_start_in_reach() {
    String text = "x".repeat(30);

    List<Chunk> chunks = chunk(Docs.plain(text), 10, 5);

    assertThat(texts(chunks)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(10));
  }

  @Test
  void heading_paths_follow_heading_levels() {
    ExtractedDocument document =
        Docs.builder()
            .heading(1, "Guide")
            .body("Intro text.")
            .heading(2, "Install")
            .body("Run it.")
            .heading(3, "On Linux")
            .body("Use apt.")
            .heading(2, "Configure")
            .body("Edit the file.")
            .heading(1, "Reference")
            .body("All options.")
            .build();

    List<Chunk> chunks = chunk(document, 1000, 100);

    assertThat(chunks)
        .extracting(Chunk::headingPath)
        .containsExactly(
            List.of("Guide"),
            List.of("Guide", "Install"),
            List.of("Guide", "Install", "On Linux"),
            List.of("Guide", "Configure"),
            List.of("Reference"));
    assertThat(texts(chunks)).first().isEqualTo("Guide\n\nIntro text.");
  }

  @Test
  void each_chunk_has_the_kind_of_block_most_of_its_text_is_in_headings_aside() {
    ExtractedDocument document = Docs.builder()
        .heading(1, "Prices")
        .body("Short intro.")
        .block(TextBlock.Kind.TABLE, "| item | price |\n| --- | --- |\n| tea | 2 |\n| coffee | 3 |\n| cake | 4 |")
        .heading(1, "Setup")
        .block(TextBlock.Kind.CODE, "apt-get install ingestion")
        .heading(1, "Steps")
        .block(TextBlock.Kind.LIST, "Download it.")
        .block(TextBlock.Kind.LIST, "Run it.")
        .heading(1, "About")
        .body("A paragraph of prose about the product, long enough to be most of its chunk.")
        .build();

    List<Chunk> chunks = chunk(document, 1000, 0);

    assertThat(chunks).extracting(Chunk::kind).containsExactly(TextBlock.Kind.TABLE, TextBlock.Kind.CODE,
        TextBlock.Kind.LIST, TextBlock.Kind.BODY);
    assertThat(TextBlock.Kind.BODY.label()).isEqualTo("paragraph");
    assertThat(chunk(Docs.builder().heading(1, "Alone").build(), 1000, 0)).extracting(Chunk::kind)
        .containsExactly(TextBlock.Kind.HEADING);
  }

  @Test
  void a_chunk_never_spans_two_sections_and_overlap_never_reaches_into_the_previous_section() {
    ExtractedDocument document =
        Docs.builder()
            .body("Preamble before any heading.")
            .heading(1, "A")
            .body("Alpha text.")
            .heading(1, "B")
            .body("Beta text.")
            .build();

    List<Chunk> chunks = chunk(document, 1000, 500);

    assertThat(texts(chunks))
        .containsExactly("Preamble before any heading.", "A\n\nAlpha text.", "B\n\nBeta text.");
    assertThat(chunks)
        .extracting(Chunk::headingPath)
        .containsExactly(List.of(), List.of("A"), List.of("B"));
  }

  @Test
  void a_deeper_heading_without_a_parent_and_a_multi_line_heading_keep_readable_paths() {
    ExtractedDocument document =
        Docs.builder()
            .heading(3, "Deep")
            .body("x")
            .heading(1, "Wrapped\n  title")
            .body("y")
            .build();

    assertThat(chunk(document, 100, 0))
        .extracting(Chunk::headingPath)
        .containsExactly(List.of("Deep"), List.of("Wrapped title"));
  }

  @Test
  void each_chunk_gets_the_page_of_the_block_where_it_starts_even_inside_the_overlap() {
    ExtractedDocument document =
        Docs.builder()
            .page(1)
            .body("Page one words here.")
            .page(2)
            .body("Page two words here.")
            .page(3)
            .body("Page three words here.")
            .build();

    List<Chunk> chunks = chunk(document, 40, 15);

    assertThat(texts(chunks))
        .containsExactly(
            "Page one words here.",
            "one words here.\n\nPage two words here.",
            "two words here.\n\nPage three words here.");
    assertThat(chunks).extracting(Chunk::page).containsExactly(1, 1, 2);
  }

  @Test
  void a_document_without_blocks_is_one_body_block_without_a_page() {
    List<Chunk> chunks = chunk(Docs.plain((SENTENCE + "\n\n").repeat(10)), 100, 20);

    assertThat(chunks)
        .hasSizeGreaterThan(1)
        .allSatisfy(
            c -> {
              assertThat(c.page()).isNull();
              assertThat(c.headingPath()).isEmpty();
            });
  }

  @Test
  void text_between_and_after_blocks_is_still_chunked() {
    String text = "head\n\nbody\n\nstray words\n\ntail";
    List<TextBlock> blocks = List.of(TextBlock.heading(1, 0, 4, 7), TextBlock.body(6, 10, 7));
    ExtractedDocument document =
        new ExtractedDocument(text, blocks, DocumentMetadata.unknown("text/plain"), false);

    List<Chunk> chunks = chunk(document, 12, 0);

    assertThat(texts(chunks)).containsExactly("head\n\nbody", "stray words", "tail");
    assertThat(chunks).allSatisfy(c -> assertThat(c.page()).isEqualTo(7));
  }

  @Test
  void blocks_out_of_range_or_overlapping_are_tolerated() {
    String text = "Heading\n\nSome body text.";
    List<TextBlock> blocks =
        List.of(
            TextBlock.heading(1, 0, 7, 1),
            TextBlock.body(5, 12, 1),
            TextBlock.body(9, 500, 2),
            TextBlock.body(600, 700, 3));
    ExtractedDocument document =
        new ExtractedDocument(text, blocks, DocumentMetadata.unknown("text/plain"), false);

    assertThat(texts(chunk(document, 100, 10))).containsExactly(text);
  }

  @Test
  void ordinals_count_across_sections_and_hashes_are_sha256_of_the_utf8_text() {
    ExtractedDocument document =
        Docs.builder()
            .heading(1, "hello")
            .body("caf\u00e9 \ud83d\ude00 ".repeat(20))
            .heading(1, "again")
            .body("more")
            .build();

    List<Chunk> chunks = chunk(document, 30, 5);

    assertThat(chunks)
        .extracting(Chunk::ordinal)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, chunks.size()).boxed().toList());
    ChunkInvariants.assertHashes(chunks);
    assertThat(new RecursiveChunker().chunk(Docs.plain("hello")).getFirst().contentHash())
        .isEqualTo("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
  }

  @Test
  void the_same_input_always_gives_the_same_chunks() {
    ExtractedDocument document = Docs.plain((SENTENCE + " ").repeat(200));
    RecursiveChunker chunker = new RecursiveChunker(new ChunkerConfig(120, 30));

    assertThat(chunker.chunk(document)).isEqualTo(chunker.chunk(document));
    assertThat(new RecursiveChunker(new ChunkerConfig(120, 30)).chunk(document))
        .isEqualTo(chunker.chunk(document));
  }

  @Test
  void one_chunker_gives_the_same_chunks_to_concurrent_callers() throws Exception {
    RecursiveChunker chunker = new RecursiveChunker(new ChunkerConfig(150, 40));
    List<ExtractedDocument> documents = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      documents.add(Docs.plain((SENTENCE + " " + i + "\n\n").repeat(100 + i)));
    }
    List<List<Chunk>> expected = documents.stream().map(chunker::chunk).toList();

    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<List<Chunk>>> results = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        documents.forEach(d -> results.add(pool.submit(() -> chunker.chunk(d))));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(expected.get(i % documents.size()));
      }
    }
  }
}
