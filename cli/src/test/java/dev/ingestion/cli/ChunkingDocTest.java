package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.chunk.ChunkUnit;
import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every configuration example of docs/chunking.md loads, and the tokens example chunks with the real tokenizer. */
@FastTest
class ChunkingDocTest {
  @TempDir Path dir;

  private List<PipelineConfig> examples() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "chunking.md"));
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<PipelineConfig> configs = new ArrayList<>();
    while (m.find()) {
      Path file = dir.resolve("example-" + configs.size() + ".yml");
      Files.writeString(file, m.group(1));
      configs.add(new ConfigLoader(Map.of()).load(file, true).pipeline());
    }
    return configs;
  }

  @Test
  void the_chunking_examples_load_as_the_defaults_and_as_token_sizes() throws IOException {
    List<PipelineConfig> configs = examples();

    assertThat(configs).hasSize(2);
    assertThat(configs.get(0).chunker()).isEqualTo(ChunkerConfig.DEFAULT);
    assertThat(configs.get(1).chunker()).isEqualTo(new ChunkerConfig(256, 32, 50, ChunkUnit.TOKENS));
  }

  @Test
  void the_tokens_example_builds_a_chunker_with_the_embedding_modules_tokenizer() throws IOException {
    Pipeline.Extraction extraction = Wiring.extraction(examples().get(1));
    String text = "word ".repeat(600).strip();

    List<Chunk> chunks;
    try {
      chunks = extraction.chunker().chunk(
          new ExtractedDocument(text, List.of(), DocumentMetadata.unknown("text/plain"), false));
    } finally {
      Wiring.close(extraction);
    }

    // "word" is one token: 600 tokens make three chunks of at most 256, each repeating up to 32
    assertThat(chunks).hasSize(3);
    assertThat(chunks.get(0).text()).isEqualTo("word ".repeat(256).strip());
  }
}
