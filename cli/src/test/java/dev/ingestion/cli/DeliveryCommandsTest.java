package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.cli.config.ConfigLoader;
import dev.ingestion.cli.config.IngestionConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.Documents.Section;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration example of docs/delivery.md turns embeddings on through the real loader and the
 * distribution's class path; ingest, export and search run end to end in-process.
 */
@ProcessTest
class DeliveryCommandsTest {
  @TempDir Path dir;

  static String deliveryExample() throws IOException {
    Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL)
        .matcher(Files.readString(Path.of("..", "docs", "delivery.md")));
    assertThat(m.find()).as("a YAML example in docs/delivery.md").isTrue();
    return m.group(1);
  }

  @Test
  void the_documented_line_turns_embeddings_on_and_export_and_search_deliver_them() throws Exception {
    String yaml = deliveryExample();
    IngestionConfig parsed = new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve("only.yml"), yaml), true);
    assertThat(parsed.embeddings().enabled()).isTrue();

    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Documents.markdown(corpus.resolve("guide.md"), "Guide", List.of(
        new Section("Boats", List.of("The sailing boat crossed the bay at dawn.")),
        new Section("Taxes", List.of("Income tax returns are due at the end of the fiscal year."))));
    Documents.pdf(corpus.resolve("report.pdf"), List.of("Quarterly report page one.", "Revenue grew on page two."));
    Path db = dir.resolve("data/ingestion.db");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), yaml + """
        database:
          url: jdbc:sqlite:%s
        logging:
          dir: %s
        """.formatted(db, dir.resolve("logs")));
    assertThat(Main.run("ingest", corpus.toString(), "-c", config.toString(), "--no-progress")).isZero();
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      long missing = d.withConnection(c -> d.sql(c).queryLong("SELECT count(*) FROM current_chunks WHERE embedding IS NULL"));
      assertThat(missing).isZero();
    }

    Path out = dir.resolve("export/chunks.jsonl");
    assertThat(Main.run("export", "--since", "0", "--format", "jsonl", "--out", out.toString(), "-c", config.toString(),
        "--no-progress")).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).isNotEmpty();
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode change = json.readTree(line);
      assertThat(change.get("op").asText()).isEqualTo("upsert");
      assertThat(change.get("embedding").size()).isEqualTo(384);
    }

    String printed = capture(() -> Main.run("search", "-c", config.toString(), "-k", "1", "a ship on the sea"));
    assertThat(printed).contains("guide.md").contains("keyword + vector").contains("Boats");
  }

  @Test
  void a_bad_format_or_cursor_is_refused_saying_what_to_pass() throws Exception {
    Path db = dir.resolve("d.db");
    assertThat(Main.run("export", "--db", db.toString(), "--format", "csv")).isEqualTo(2);
    assertThat(Main.run("export", "--db", db.toString(), "--since", "yesterday")).isEqualTo(1);
  }

  private static String capture(java.util.concurrent.Callable<Integer> run) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertThat(run.call()).isZero();
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
