package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Corpus;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.HostileFiles;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile files mixed into a real corpus, ingested by the CLI with the default parser isolation in a
 * worker JVM with a fixed heap: each hostile file ends in its state and category, the real documents
 * all complete, the worker's peak heap (read from its GC log) stays under its -Xmx, and no document
 * takes longer than the parse time limit plus a generous margin. A hung parser and one that exhausts
 * its heap are provoked inside the parser child by the test-only hooks.
 */
@ProcessTest
class HostileCorpusTest {
  private static final int WORKER_HEAP_MB = 256;
  private static final int TIMEOUT_SECONDS = 10;
  private static final Pattern GC = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir Path dir;

  @Test
  void every_hostile_file_ends_in_its_category_within_bounds_and_the_real_ones_complete() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    int real = Corpus.generate(Files.createDirectories(corpus.resolve("real")), 60, 5L).size();
    Map<String, Set<String>> expected = hostile(Files.createDirectories(corpus.resolve("hostile")));
    Path db = dir.resolve("data/ingestion.db");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
        pipeline:
          concurrency: 2
          parse:
            timeout: %ds
            child_heap: 128m
        logging:
          dir: %s
        """.formatted(db, TIMEOUT_SECONDS, dir.resolve("logs")));
    Path gcLog = dir.resolve("gc.log");
    Process run = CliProcess.start(dir, List.of("-Xmx" + WORKER_HEAP_MB + "m", "-Xlog:gc:file=" + gcLog,
        "-Dingestion.parse.test-hooks=true"), "ingest", corpus.toString(), "--config", config.toString(), "--no-progress");
    assertThat(run.waitFor(600, TimeUnit.SECONDS)).as("the run finishes").isTrue();
    assertThat(run.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      Map<String, String> outcome = outcomes(d);
      org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
      expected.forEach((file, allowed) -> soft.assertThat(outcome.get("hostile/" + file)).as(file).isIn(allowed));
      soft.assertAll();
      long keptWhole = d.withConnection(c -> d.sql(c).queryLong("SELECT count(*) FROM documents"
          + " WHERE status = 'completed' AND external_id = 'hostile/flat-bomb.zip' AND NOT truncated"));
      assertThat(keptWhole).as("a text bomb that is kept is truncated").isZero();
      assertThat(outcome.entrySet().stream().filter(e -> e.getKey().startsWith("real/"))
          .filter(e -> e.getValue().equals("completed")).count()).as("real documents completed").isEqualTo(real);
      long slowest = d.withConnection(c -> d.sql(c).queryLong("SELECT max(duration_ms) FROM attempts"));
      System.out.printf("slowest attempt %d ms; time limit %d s%n", slowest, TIMEOUT_SECONDS);
      // Generous: the limit plus two minutes for a replacement parser to boot on a loaded machine.
      assertThat(slowest).isLessThan((TIMEOUT_SECONDS + 120) * 1000L);
    }
    long peak = peakHeapMb(Files.readString(gcLog));
    System.out.printf("worker peak heap %d MB of -Xmx%dm%n", peak, WORKER_HEAP_MB);
    assertThat(peak).isPositive().isLessThanOrEqualTo(WORKER_HEAP_MB);
  }

  /** Writes the hostile files; returns each one's allowed outcomes (a category, or "completed"). */
  private static Map<String, Set<String>> hostile(Path h) throws Exception {
    Map<String, Set<String>> expect = new HashMap<>();
    Path pdf = Documents.pdf(h.resolve("good.pdf"), List.of("A good page.", "Another good page."));
    expect.put("good.pdf", Set.of("completed"));
    Documents.corruptPdf(h.resolve("corrupt.pdf"));
    expect.put("corrupt.pdf", Set.of("corrupt"));
    Path docx = Documents.docx(dir(h).resolve("whole.docx"), "Whole",
        List.of(new Documents.Section("Intro", List.of("Body text of a whole document. ".repeat(300)))));
    HostileFiles.truncated(docx, h.resolve("truncated.docx"), 0.5);
    expect.put("truncated.docx", Set.of("corrupt"));
    // A flipped bit may land in a stream PDFBox can skip or in one it cannot: either outcome is right.
    HostileFiles.bitFlipped(pdf, h.resolve("bit-flipped.pdf"), 40, 9L);
    expect.put("bit-flipped.pdf", Set.of("completed", "corrupt", "empty"));
    Documents.encryptedPdf(h.resolve("locked.pdf"));
    expect.put("locked.pdf", Set.of("encrypted"));
    Documents.empty(h.resolve("empty.txt"));
    expect.put("empty.txt", Set.of("empty"));
    Documents.garbage(h.resolve("garbage.bin"), 8192, 4L);
    expect.put("garbage.bin", Set.of("unsupported_format"));
    Files.copy(pdf, h.resolve("really-a-pdf.docx"));
    expect.put("really-a-pdf.docx", Set.of("completed"));
    // One entry of 300 MB of 'a': refused, or cut at max_chars (10 M characters, 34 x the file's size,
    // under the ratio) and flagged truncated; either way bounded.
    Documents.zipBomb(h.resolve("flat-bomb.zip"), 300L << 20);
    expect.put("flat-bomb.zip", Set.of("too_large", "completed"));
    Documents.zipBombOfZeros(h.resolve("zeros-bomb.zip"), "zeros.txt", 200L << 20);
    expect.put("zeros-bomb.zip", Set.of("too_large"));
    HostileFiles.nestedZipBomb(h.resolve("nested-bomb.zip"), 10, 100L << 20);
    expect.put("nested-bomb.zip", Set.of("too_large"));
    HostileFiles.billionLaughs(h.resolve("billion-laughs.xml"));
    expect.put("billion-laughs.xml", Set.of("too_large", "corrupt"));
    Documents.nestedZip(h.resolve("deep.zip"), 40);
    expect.put("deep.zip", Set.of("completed", "too_large", "empty"));
    HostileFiles.singleLine(h.resolve("single-line-200mb.txt"), 200L << 20);
    expect.put("single-line-200mb.txt", Set.of("too_large"));
    Files.writeString(h.resolve("hook-spin.txt"), "the parser loops forever on this one");
    expect.put("hook-spin.txt", Set.of("parse_timeout"));
    Files.writeString(h.resolve("hook-allocate.txt"), "the parser exhausts its heap on this one");
    expect.put("hook-allocate.txt", Set.of("resource_exhausted"));
    return expect;
  }

  private static Path dir(Path h) throws java.io.IOException {
    return Files.createDirectories(h.resolveSibling("scratch"));
  }

  /** external id -> "completed", or the dead-letter category. */
  private static Map<String, String> outcomes(Database d) {
    return d.withConnection(c -> {
      Map<String, String> out = new HashMap<>();
      for (String[] row : d.sql(c).query("SELECT external_id, status, coalesce(last_error_category, '') FROM documents",
          rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
        out.put(row[0], row[1].equals("completed") ? "completed" : row[1] + ":" + row[2]);
      }
      out.replaceAll((k, v) -> v.startsWith("dead_letter:") ? v.substring("dead_letter:".length()) : v);
      return out;
    });
  }

  /** The largest heap occupancy the GC log shows (before any collection), in MB. */
  static long peakHeapMb(String gcLog) {
    long peak = 0;
    Matcher m = GC.matcher(gcLog);
    while (m.find()) {
      peak = Math.max(peak, Long.parseLong(m.group(1)));
    }
    return peak;
  }
}
