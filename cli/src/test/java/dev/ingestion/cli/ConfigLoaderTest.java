package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.model.ConfigException;
import dev.ingestion.parse.IsolationConfig;
import dev.ingestion.parse.OcrConfig;
import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@FastTest
class ConfigLoaderTest {
  @TempDir Path dir;

  private IngestionConfig load(String yaml) throws IOException {
    Path file = dir.resolve("ingestion.yml");
    Files.writeString(file, yaml);
    return new ConfigLoader(Map.of("DB_PASSWORD", "s3cret")).load(file, true);
  }

  @Test
  void the_example_file_in_the_repository_loads() {
    Path example = Path.of("..", "ingestion.example.yml");
    IngestionConfig cfg = new ConfigLoader(Map.of()).load(example, true);
    assertThat(cfg.database().url()).isEqualTo("jdbc:sqlite:data/ingestion.db");
    assertThat(cfg.database().maxConnections()).isEqualTo(50);
    assertThat(cfg.database().idleTimeout()).isEqualTo(Duration.ofSeconds(600));
    assertThat(cfg.pipeline().chunker().chunkSize()).isEqualTo(1000);
    assertThat(cfg.pipeline().chunker().chunkOverlap()).isEqualTo(100);
    assertThat(cfg.sources()).hasSize(1);
    assertThat(cfg.sources().get(0).name()).isEqualTo("handbook");
    assertThat(cfg.server().port()).isEqualTo(8080);
    assertThat(cfg.pipeline().isolation().mode()).isEqualTo(IsolationConfig.Mode.PROCESS);
    assertThat(cfg.pipeline().isolation().childHeap()).isEqualTo("512m");
    assertThat(cfg.pipeline().parseLimits().maxDocumentBytes()).isEqualTo(100L << 20);
    assertThat(cfg.pipeline().parseLimits().timeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void parsing_is_isolated_in_child_processes_unless_the_file_says_in_process() throws IOException {
    IngestionConfig defaults = new ConfigLoader(Map.of()).load(dir.resolve("none.yml"), false);
    assertThat(defaults.pipeline().isolation().mode()).isEqualTo(IsolationConfig.Mode.PROCESS);
    assertThat(defaults.pipeline().isolation().maxChildren())
        .isEqualTo(Math.min(defaults.pipeline().concurrency(), Runtime.getRuntime().availableProcessors()));
    IngestionConfig trusted = load("pipeline:\n  parse:\n    isolation: in_process\n    max_document_bytes: 2GB\n");
    assertThat(trusted.pipeline().isolation().mode()).isEqualTo(IsolationConfig.Mode.IN_PROCESS);
    assertThat(defaults.pipeline().isolation().childJavaOptions()).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(load("pipeline:\n  parse:\n    child_java_options: []\n").pipeline().isolation().childJavaOptions())
        .isEmpty();
    assertThat(trusted.pipeline().parseLimits().maxDocumentBytes()).isEqualTo(2L << 30);
    assertThat(defaults.pipeline().withConcurrency(1).isolation().maxChildren()).isEqualTo(1);
  }

  @Test
  void ocr_is_off_unless_the_file_turns_it_on_with_its_languages() throws IOException {
    IngestionConfig defaults = new ConfigLoader(Map.of()).load(dir.resolve("none.yml"), false);
    assertThat(defaults.pipeline().parseLimits().ocr()).isEqualTo(OcrConfig.OFF);
    IngestionConfig on = load("pipeline:\n  ocr:\n    enabled: true\n    languages: [eng, deu]\n");
    assertThat(on.pipeline().parseLimits().ocr()).isEqualTo(new OcrConfig(true, java.util.List.of("eng", "deu")));
  }

  @Test
  void a_missing_optional_file_gives_the_defaults() {
    IngestionConfig cfg = new ConfigLoader(Map.of()).load(dir.resolve("none.yml"), false);
    assertThat(cfg.database().url()).isEqualTo("jdbc:sqlite:data/ingestion.db");
    assertThat(cfg.pipeline().concurrency()).isEqualTo(Math.min(10, 2 * Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void secrets_come_from_the_environment() throws IOException {
    IngestionConfig cfg = load("database:\n  url: jdbc:postgresql://localhost/ingestion\n  password: ${DB_PASSWORD}\n");
    assertThat(cfg.database().password()).isEqualTo("s3cret");
    assertThat(cfg.database().toString()).doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "pipline:\\n  chunk_size: 10|pipline: unknown setting (did you mean 'pipeline'?)",
      "pipeline:\\n  chunk_size: big|pipeline.chunk_size: expected a whole number, got 'big'",
      "pipeline:\\n  chunk_size: 500\\n  chunk_overlap: 500|pipeline.chunk_overlap: must be smaller than chunk_size (500), got 500",
      "pipeline:\\n  chunk_unit: words|pipeline.chunk_unit: must be characters or tokens, got 'words'",
      "pipeline:\\n  parse:\\n    timeout: forever|pipeline.parse.timeout: expected a duration",
      "database:\\n  url: mysql://x|database.url: must start with jdbc:sqlite:",
      "database:\\n  pool:\\n    min_connections: 9\\n    max_connections: 3|database.pool.min_connections: 9 is more than max_connections 3",
      "sources:\\n  - name: a\\n    type: ftp|sources[0].type: unknown source type 'ftp'; available: filesystem",
      "sources:\\n  - type: filesystem\\n    path: x|sources[0].name: required",
      "sources:\\n  - name: a\\n    type: filesystem|sources[0].path: required",
      "sources:\\n  - name: a\\n    type: filesystem\\n    path: x\\n    max_file_size: lots|sources[0].max_file_size: expected a size",
      "database:\\n  password: ${NOT_SET}|environment variable NOT_SET is referenced but not set",
      "pipeline: [1, 2]|pipeline: expected a section",
      "pipeline:\\n  parse:\\n    isolation: fork|pipeline.parse.isolation: must be process or in_process, got 'fork'",
      "pipeline:\\n  parse:\\n    max_document_bytes: 0|pipeline.parse.max_document_bytes: must be more than zero",
      "pipeline:\\n  parse:\\n    child_heap: lots|pipeline.parse.child_heap: must look like 512m or 2g",
      "pipeline:\\n  parse:\\n    documents_per_child: none|pipeline.parse.documents_per_child: expected all or a whole number from 1 to 256, got 'none'",
      "pipeline:\\n  parse:\\n    documents_per_child: 0|pipeline.parse.documents_per_child: must be between 1 and 256, got 0",
      "pipeline:\\n  concurrency: lots|pipeline.concurrency: expected auto or a whole number from 1 to 256, got 'lots'",
      "pipeline:\\n  parse:\\n    child_java_options: [-Xmx2g]|pipeline.parse.child_java_options: '-Xmx2g' is not allowed",
      "pipeline:\\n  parse:\\n    child_java_options: [Xss1m]|pipeline.parse.child_java_options: 'Xss1m' is not allowed",
      "pipeline:\\n  ocr:\\n    languages: [English]|pipeline.ocr.languages: 'English' is not a Tesseract language code",
      "pipeline:\\n  ocr:\\n    languages: []|pipeline.ocr.languages: give at least one Tesseract language",
      "pipeline:\\n  ocr:\\n    enable: true|pipeline.ocr.enable",
      "a: [unclosed|not valid YAML at line 1"})
  void errors_name_the_field_and_say_how_to_fix_it(String yaml, String expected) {
    assertThatThrownBy(() -> load(yaml.replace("\\n", "\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(expected);
  }
}
