package dev.ingestion.embed.minilm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.ChunkUnit;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunk sizes counted in tokens of the MiniLM tokenizer, on the project's own documentation parsed by Tika. */
@FastTest
class TokenChunkingTest {
  private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();
  private static final MiniLmTokenCounter TOKENS = new MiniLmTokenCounter();

  private static ExtractedDocument parse(String relative) throws Exception {
    Path file = PROJECT.resolve(relative);
    return new TikaDocumentParser(ParseLimits.DEFAULT).parse(file, file.getFileName().toString(), Files.size(file));
  }

  @Test
  void chunks_by_tokens_hold_at_most_chunk_size_tokens_and_overlap_at_most_chunk_overlap() throws Exception {
    ExtractedDocument doc = parse("docs/chunking.md");
    ChunkerConfig config = new ChunkerConfig(128, 16, 32, ChunkUnit.TOKENS);

    List<Chunk> chunks = new RecursiveChunker(config).chunk(doc);

    assertThat(chunks).hasSizeGreaterThan(20);
    assertThat(chunks).allSatisfy(c -> assertThat(TOKENS.count(c.text())).as(c.text()).isLessThanOrEqualTo(128));
    assertThat(chunks).anySatisfy(c -> assertThat(c.text().length()).isGreaterThan(128));
    assertThat(chunks.stream().mapToInt(c -> TOKENS.count(c.text())).average().orElseThrow()).isGreaterThan(64);
    for (int i = 1; i < chunks.size(); i++) {
      Chunk previous = chunks.get(i - 1);
      Chunk next = chunks.get(i);
      String shared = next.startOffset() < previous.endOffset()
          ? doc.text().substring(next.startOffset(), previous.endOffset()) : "";
      assertThat(TOKENS.count(shared)).as("overlap before chunk %d", i).isLessThanOrEqualTo(16);
    }
  }

  @Test
  void a_table_and_a_pdf_chunked_by_tokens_stay_within_the_limit_with_the_loaded_tokenizer() throws Exception {
    ChunkerConfig config = new ChunkerConfig(64, 8, 16, ChunkUnit.TOKENS);
    for (String file : List.of("README.md", "samples/policies/expense-policy.pdf")) {
      List<Chunk> chunks = new RecursiveChunker(config).chunk(parse(file));
      assertThat(chunks).as(file).isNotEmpty()
          .allSatisfy(c -> assertThat(TOKENS.count(c.text())).as(c.text()).isLessThanOrEqualTo(64));
    }
  }

  @Test
  void characters_mode_ignores_the_tokenizer() throws Exception {
    ExtractedDocument doc = parse("docs/chunking.md");

    List<Chunk> plain = new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(doc);
    List<Chunk> withCounter = new RecursiveChunker(ChunkerConfig.DEFAULT, TOKENS).chunk(doc);

    assertThat(withCounter).isEqualTo(plain);
    assertThat(plain).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(1000));
  }

  @Test
  void the_tokenizer_never_makes_a_token_across_whitespace_as_the_chunker_relies_on() throws Exception {
    for (String file : List.of("docs/chunking.md", "samples/policies/expense-policy.pdf")) {
      String text = parse(file).text();
      int byWord = Arrays.stream(text.split("[ \\t\\n\\r\\p{Zs}]+")).mapToInt(TOKENS::count).sum();
      assertThat(TOKENS.count(text)).as(file).isEqualTo(byWord).isGreaterThan(50);
    }
  }

  @Test
  void the_tokenizer_counts_word_pieces_without_special_tokens_or_truncation() {
    assertThat(TOKENS.count("")).isZero();
    assertThat(TOKENS.count("hello world")).isEqualTo(2);
    assertThat(TOKENS.count("hello ".repeat(300))).isEqualTo(300);
    assertThat(TOKENS.countEach(List.of("hello", "", "tokenization", "hello world"))).containsExactly(
        TOKENS.count("hello"), 0, TOKENS.count("tokenization"), 2);
  }
}
