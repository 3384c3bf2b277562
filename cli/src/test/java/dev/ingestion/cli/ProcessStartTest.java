package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a real process starts, and what it writes where the runbook looks: parser children only once a
 * document needs parsing, the API port before anything else, one error.log line per dead letter.
 */
@ProcessTest
class ProcessStartTest {
  private static final String POOL_STARTED = "parser process(es) for the first document to parse";

  @TempDir Path dir;

  @Test
  void a_dead_letter_is_one_error_line_with_the_parsers_exception_and_a_no_op_rerun_starts_no_parser() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Documents.pdf(corpus.resolve("good.pdf"), List.of("Page one.", "Page two."));
    Documents.corruptPdf(corpus.resolve("corrupt.pdf"));
    Path db = dir.resolve("data/ingestion.db");
    for (int run = 1; run <= 2; run++) {
      Process p = CliProcess.startWithShippedLogging(dir, "ingest", corpus.toString(), "--db", db.toString(),
          "--no-progress");
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();
    }
    List<String> errors = Files.readAllLines(dir.resolve("logs/error.log"));
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).contains("ERROR", "dead letter: source=" + corpus.toAbsolutePath(),
        "document=corrupt.pdf", "category=corrupt", "stage=parse");
    String app = Files.readString(dir.resolve("logs/application.log"));
    assertThat(app.lines().filter(l -> l.contains(" ERROR ") && l.contains("document=corrupt.pdf"))).hasSize(1);
    assertThat(app.lines().filter(l -> l.contains(POOL_STARTED))).as("the second run parsed nothing").hasSize(1);
    assertThat(Files.readString(dir.resolve("stderr.txt"))).doesNotContain("dead letter:");
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      String[] row = d.withConnection(c -> d.sql(c).queryOne("SELECT exception_class, stack_trace FROM dead_letters",
          rs -> new String[] {rs.getString(1), rs.getString(2)})).orElseThrow();
      assertThat(row[0]).as("the parser's exception, not the worker's wrapper").doesNotStartWith("dev.ingestion");
      assertThat(row[1]).contains("ParseServer").doesNotContain("[cds]");
    }
  }

  @Test
  void api_binds_its_port_starts_no_parser_and_a_port_in_use_is_one_line_and_exit_1() throws Exception {
    Path db = dir.resolve("data/ingestion.db");
    Process api = CliProcess.start(dir, "api", "--db", db.toString(), "--port", "0");
    try {
      CliProcess.awaitPort(dir.resolve("stderr.txt"), Duration.ofSeconds(90));
      assertThat(api.descendants().toList()).as("no parser children").isEmpty();
    } finally {
      api.destroy();
      assertThat(api.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Process second = CliProcess.start(dir, "serve", "--db", db.toString(), "--port",
          String.valueOf(taken.getLocalPort()));
      assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
      assertThat(second.exitValue()).isEqualTo(1);
      List<String> err = Files.readAllLines(dir.resolve("stderr.txt")).stream().filter(l -> !l.isBlank()).toList();
      assertThat(err).hasSize(1);
      assertThat(err.get(0)).startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
      assertThat(Files.readString(dir.resolve("stdout.txt"))).doesNotContain("Exception", "has been closed",
          "worker");
    }
  }
}
