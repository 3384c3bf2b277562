package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temporary files are named ingestion_* in pipeline.temp_dir. A run killed with SIGKILL leaves its
 * parser folders behind; the next start removes them, leaves a live process's files alone, and a normal
 * run leaves nothing.
 */
@ProcessTest
class TempFilesCrashTest {
  @TempDir Path dir;

  @Test
  void litter_of_a_killed_run_is_removed_by_the_next_start_and_a_normal_run_leaves_none() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    CrashSafetyTest.writeCorpus(corpus, new Random(11));
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    Path live = Files.writeString(temp.resolve("ingestion_" + ProcessHandle.current().pid() + "_test_live.bin"), "x");
    Path foreign = Files.writeString(temp.resolve("unrelated.txt"), "not ours");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), """
        pipeline:
          temp_dir: %s
          parse:
            isolation: process
        """.formatted(temp));
    Path db = dir.resolve("data/ingestion.db");
    String[] args = {"ingest", corpus.toString(), "--config", config.toString(), "--db", db.toString(), "--no-progress",
        "--concurrency", "2"};

    Process first = CliProcess.start(dir, args);
    Processes.awaitFinished(db, 30, first);
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> litter = ours(temp).stream().filter(n -> n.startsWith("ingestion_" + first.pid() + "_")).toList();
    assertThat(litter).as("the killed run's parser folders are left behind").isNotEmpty()
        .allSatisfy(n -> assertThat(n).startsWith("ingestion_" + first.pid() + "_parser_"));

    Process second = CliProcess.start(dir, args);
    assertThat(second.waitFor(240, TimeUnit.SECONDS)).as("second run finishes").isTrue();
    assertThat(second.exitValue()).as(Files.readString(dir.resolve("stderr.txt"))).isZero();

    assertThat(ours(temp)).as("only the live process's file is left").containsExactly(live.getFileName().toString());
    assertThat(foreign).exists();
  }

  private static List<String> ours(Path temp) throws IOException {
    try (Stream<Path> s = Files.list(temp)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ingestion_")).sorted().toList();
    }
  }

}
