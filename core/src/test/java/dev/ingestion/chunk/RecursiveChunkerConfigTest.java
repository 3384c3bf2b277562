package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@FastTest
class RecursiveChunkerConfigTest {
  @Test
  void the_default_config_is_1000_characters_with_100_overlap() {
    assertThat(ChunkerConfig.DEFAULT).isEqualTo(new ChunkerConfig(1000, 100));
    String text = "word ".repeat(400);

    assertThat(new RecursiveChunker().chunk(Docs.plain(text)))
        .isEqualTo(new RecursiveChunker(ChunkerConfig.DEFAULT).chunk(Docs.plain(text)));
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "-5, 0"})
  void a_chunk_size_below_one_is_rejected_naming_the_key(int size, int overlap) {
    assertThatThrownBy(() -> new ChunkerConfig(size, overlap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chunk_size must be at least 1");
  }

  @ParameterizedTest
  @CsvSource({"100, -1", "100, 100", "100, 250", "1, 1"})
  void an_overlap_outside_zero_to_size_minus_one_is_rejected_with_the_allowed_range(
      int size, int overlap) {
    assertThatThrownBy(() -> new ChunkerConfig(size, overlap))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "chunk_overlap must be between 0 and chunk_size - 1 (" + (size - 1) + ")");
  }

  @ParameterizedTest
  @CsvSource({"1, 0", "2, 1", "1000, 0", "1000, 999"})
  void the_extremes_of_the_allowed_range_chunk_correctly(int size, int overlap) {
    ChunkerConfig config = new ChunkerConfig(size, overlap);
    String text = "Edge cases: one, two. Three four five!\n\nSix seven eight nine ten.";

    ChunkInvariants.assertHold(text, config, new RecursiveChunker(config).chunk(Docs.plain(text)));
  }

  @Test
  void a_chunker_needs_a_config() {
    assertThatNullPointerException()
        .isThrownBy(() -> new RecursiveChunker(null))
        .withMessage("config");
  }

  @Test
  void the_example_in_the_chunking_docs_gives_the_default_config() throws IOException {
    List<String> lines = Files.readAllLines(docs().resolve("chunking.md"));

    ChunkerConfig documented =
        new ChunkerConfig(valueOf(lines, "chunk_size:"), valueOf(lines, "chunk_overlap:"));

    assertThat(documented).isEqualTo(ChunkerConfig.DEFAULT);
    assertThat(lines).contains("pipeline:");
  }

  private static int valueOf(List<String> lines, String key) {
    String line =
        lines.stream().map(String::strip).filter(l -> l.startsWith(key)).findFirst().orElseThrow();
    return Integer.parseInt(line.substring(key.length()).split("#")[0].strip());
  }

  /** The repository's docs folder, found from the module directory the build runs tests in. */
  private static Path docs() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("a docs folder above the working directory").isNotNull();
    return dir.resolve("docs");
  }
}
