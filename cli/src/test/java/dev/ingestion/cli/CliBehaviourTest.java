package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.FastTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import org.junit.jupiter.api.io.TempDir;

/** What a person typing commands expects: errors that name the problem, nothing created by a typo. */
@FastTest
class CliBehaviourTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exit = Main.run(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private Path config(String extra) throws IOException {
    return Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
        logging:
          dir: %s
        pipeline:
          parse:
            isolation: in_process
        %s""".formatted(dir.resolve("data/ingestion.db"), dir.resolve("logs"), extra));
  }

  @Test
  void reading_commands_refuse_a_missing_database_naming_it_and_create_nothing() throws IOException {
    Path typo = dir.resolve("typo/x.db");
    Path cfg = config("");
    for (String[] args : List.of(new String[] {"status", "--db", typo.toString(), "--config", cfg.toString()},
        new String[] {"report", "reconcile", "--db", typo.toString(), "--config", cfg.toString()},
        new String[] {"search", "anything", "--db", typo.toString(), "--config", cfg.toString()},
        new String[] {"users", "list", "--db", typo.toString(), "--config", cfg.toString()},
        new String[] {"report", "database", "--db", typo.toString(), "--config", cfg.toString()},
        new String[] {"db", "maintain", "--db", typo.toString(), "--config", cfg.toString()},
        new String[] {"sink", "status", "--db", typo.toString(), "--config", cfg.toString()})) {
      Run r = run(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err()).contains("no database at " + typo).doesNotContain("Exception");
    }
    assertThat(dir.resolve("typo")).doesNotExist();
  }

  @Test
  void an_unreachable_postgresql_is_one_line_naming_the_database() throws IOException {
    Run r = run("status", "--db", "jdbc:postgresql://127.0.0.1:1/ingestion", "--config", config("").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("jdbc:postgresql://127.0.0.1:1/ingestion");
  }

  @Test
  void a_single_file_is_ingested_as_a_source_of_its_own() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("reports"));
    Path pdf = Documents.pdf(folder.resolve("q3.pdf"), List.of("Quarterly revenue grew in every region."));
    Documents.text(folder.resolve("other.txt"), List.of("Not asked for."));
    Path cfg = config("");
    Run r = run("ingest", pdf.toString(), "--config", cfg.toString(), "--no-progress");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("discovered  1 ", "completed   1 ");
    Run again = run("ingest", pdf.toString(), "--config", cfg.toString(), "--no-progress");
    assertThat(again.out()).contains("unchanged 1");
    Run search = run("search", "revenue", "--config", cfg.toString());
    assertThat(search.out()).contains("q3.pdf");
  }

  @Test
  void every_configuration_error_is_reported_at_once() throws IOException {
    Path cfg = Files.writeString(dir.resolve("bad.yml"), """
        database:
          pool:
            max_connections: zero
        pipeline:
          chunk_size: 10
        logging:
          levle: debug
        sources:
          - name: a
            type: nowhere
        """);
    Run r = run("status", "--config", cfg.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("4 problems", "database.pool.max_connections", "pipeline.chunk_size",
        "logging.levle", "sources[0].type");
  }

  @Test
  void help_texts_are_paragraphs_that_picocli_wraps_not_lines_cut_mid_sentence() {
    List<String> cut = new ArrayList<>();
    collectCutDescriptions(Main.commandLine().getCommandSpec(), cut);
    assertThat(cut).as("description lines that end mid-sentence and go on in the next line").isEmpty();
  }

  private static void collectCutDescriptions(CommandSpec spec, List<String> cut) {
    checkLines(spec.qualifiedName(), spec.usageMessage().description(), cut);
    for (ArgSpec arg : spec.args()) {
      checkLines(spec.qualifiedName() + " " + arg, arg.description(), cut);
    }
    spec.subcommands().values().forEach(sub -> collectCutDescriptions(sub.getCommandSpec(), cut));
  }

  private static void checkLines(String where, String[] lines, List<String> cut) {
    for (int i = 0; i + 1 < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !lines[i + 1].isBlank() && !line.matches(".*[.:!?)]$")) {
        cut.add(where + ": " + line);
      }
    }
  }
}
