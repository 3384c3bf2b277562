package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing in child processes: results equal in-process parsing; hangs and memory exhaustion are contained. */
@ProcessTest
class IsolatedDocumentParserTest {
  @TempDir static Path dir;
  static IsolatedDocumentParser parser;

  @BeforeAll
  static void start() {
    parser = new IsolatedDocumentParser(new ParseLimits(1_000_000, 5, 100, 100, Duration.ofSeconds(60)),
        new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 1, dir));
  }

  @AfterAll
  static void stop() {
    parser.close();
  }

  @Test
  void a_child_process_extracts_the_same_document_as_in_process_parsing() throws IOException {
    Path pdf = Documents.pdf(dir.resolve("a.pdf"), List.of("Page one text.", "Page two text."));
    ExtractedDocument isolated = parser.parse(pdf, "a.pdf", Files.size(pdf));
    ExtractedDocument local = new TikaDocumentParser(ParseLimits.DEFAULT).parse(pdf, "a.pdf", Files.size(pdf));
    assertThat(isolated).isEqualTo(local);
  }

  @Test
  void each_child_runs_with_the_configured_java_options_and_by_default_the_quick_compiler_only() throws IOException {
    Path doc = Documents.text(dir.resolve("options.txt"), List.of("Options."));
    IsolationConfig marked = new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 1, dir,
        List.of("-XX:TieredStopAtLevel=1", "-Dingestion.child.marker=options-test"));
    try (IsolatedDocumentParser own = new IsolatedDocumentParser(ParseLimits.DEFAULT, marked)) {
      assertThat(own.parse(doc, "options.txt", Files.size(doc)).text()).isEqualTo("Options.");
      // from /proc: ProcessHandle.Info leaves out the arguments of a command line as long as this class path
      List<String> args = ProcessHandle.current().descendants().map(IsolatedDocumentParserTest::commandLine)
          .filter(a -> a.contains("-Dingestion.child.marker=options-test")).findFirst().orElseThrow();
      assertThat(args).contains("-XX:TieredStopAtLevel=1", "-Xmx96m", "-Xmn49152k", "-Xlog:all=off:stdout",
          "-XX:+UseSerialGC");
      Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
      boolean offered = IsolatedDocumentParser.hugePagesOffered(Files.exists(thp) ? Files.readString(thp) : "");
      assertThat(args.contains("-XX:+UseTransparentHugePages")).isEqualTo(offered);
    }
    assertThat(new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 1, dir).childJavaOptions())
        .containsExactly("-XX:TieredStopAtLevel=1");
  }

  @Test
  void a_child_the_jvm_refuses_to_start_makes_parsing_unavailable_with_the_jvms_error_and_the_setting_to_check()
      throws IOException {
    Path doc = Documents.text(dir.resolve("refused.txt"), List.of("Never parsed."));
    Path scratch = Files.createDirectories(dir.resolve("refused"));
    try (IsolatedDocumentParser refused = new IsolatedDocumentParser(ParseLimits.DEFAULT, new IsolationConfig(
        IsolationConfig.Mode.PROCESS, "96m", 1, scratch, List.of("-XX:+NoSuchOptionForTheTest")))) {
      for (int i = 0; i < 2; i++) { // and again: a new child is tried each time
        assertThatThrownBy(() -> refused.parse(doc, "refused.txt", Files.size(doc)))
            .isInstanceOf(dev.ingestion.model.ParserUnavailableException.class)
            .isNotInstanceOf(DocumentException.class)
            .hasMessageContaining("a parser process exited before it was ready (exit 1)")
            .hasMessageContaining("Unrecognized VM option 'NoSuchOptionForTheTest'")
            .hasMessageContaining("check pipeline.parse.child_java_options and pipeline.parse.child_heap");
      }
    }
  }

  @Test
  void the_reason_the_jvm_gives_on_stdout_for_not_starting_is_quoted() throws IOException {
    Path doc = Documents.text(dir.resolve("tiny-heap.txt"), List.of("Never parsed."));
    Path scratch = Files.createDirectories(dir.resolve("tiny-heap"));
    try (IsolatedDocumentParser tiny = new IsolatedDocumentParser(ParseLimits.DEFAULT, new IsolationConfig(
        IsolationConfig.Mode.PROCESS, "1m", 1, scratch))) {
      assertThatThrownBy(() -> tiny.parse(doc, "tiny-heap.txt", Files.size(doc)))
          .isInstanceOf(dev.ingestion.model.ParserUnavailableException.class)
          .hasMessageContaining("(exit 1): Error occurred during initialization of VM | Too small");
    }
  }

  @Test
  void a_child_that_exits_before_ready_keeps_what_it_printed_on_stdout_apart_from_jvm_log_lines() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "printf '[0.1s][warning][cds] stale\\nError occurred during"
        + " initialization of VM\\nMultiple garbage collectors selected\\n'; echo 'on stderr' >&2; exit 1").start();
    ParserChild child = new ParserChild(p, Files.createTempDirectory(dir, "child"));
    assertThatThrownBy(child::awaitReady).isInstanceOf(IOException.class);
    child.awaitOwnExit(2_000);
    assertThat(child.startErrors()).containsExactly("Error occurred during initialization of VM",
        "Multiple garbage collectors selected", "on stderr");
    assertThat(child.jvmMessages()).isEqualTo(1);
  }

  @Test
  void a_start_failure_says_in_one_line_what_the_child_printed_first_or_that_it_ran_out_of_time() {
    assertThat(IsolatedDocumentParser.startFailure(false, 1, List.of("Error occurred during initialization of VM",
        "Multiple garbage collectors selected", "third", "fourth")))
        .isEqualTo("a parser process exited before it was ready (exit 1): Error occurred during initialization of VM"
            + " | Multiple garbage collectors selected | third; check pipeline.parse.child_java_options and"
            + " pipeline.parse.child_heap");
    assertThat(IsolatedDocumentParser.startFailure(false, 137, List.of())).contains("(exit 137): it printed no error;");
    assertThat(IsolatedDocumentParser.startFailure(true, 137, List.of("x")))
        .startsWith("a parser process was not ready within 120 s and was stopped").doesNotContain("x;");
  }

  @Test
  void a_collector_chosen_in_the_java_options_replaces_the_serial_one_the_jvm_would_refuse_two() throws IOException {
    assertThat(IsolatedDocumentParser.choosesCollector(List.of("-XX:TieredStopAtLevel=1"))).isFalse();
    assertThat(IsolatedDocumentParser.choosesCollector(List.of("-XX:+UseG1GC"))).isTrue();
    assertThat(IsolatedDocumentParser.choosesCollector(List.of("-XX:+UseGCOverheadLimit"))).isFalse();
    Path doc = Documents.text(dir.resolve("collector.txt"), List.of("Collected."));
    Path scratch = Files.createDirectories(dir.resolve("collector"));
    try (IsolatedDocumentParser parallel = new IsolatedDocumentParser(ParseLimits.DEFAULT, new IsolationConfig(
        IsolationConfig.Mode.PROCESS, "96m", 1, scratch,
        List.of("-XX:+UseParallelGC", "-XX:ParallelGCThreads=1", "-Dingestion.child.marker=collector-test")))) {
      assertThat(parallel.parse(doc, "collector.txt", Files.size(doc)).text()).isEqualTo("Collected.");
      List<String> args = ProcessHandle.current().descendants().map(IsolatedDocumentParserTest::commandLine)
          .filter(a -> a.contains("-Dingestion.child.marker=collector-test")).findFirst().orElseThrow();
      assertThat(args).contains("-XX:+UseParallelGC").doesNotContain("-XX:+UseSerialGC");
    }
  }

  @Test
  void children_ask_for_huge_pages_only_where_the_kernel_offers_them() {
    assertThat(IsolatedDocumentParser.hugePagesOffered("always [madvise] never\n")).isTrue();
    assertThat(IsolatedDocumentParser.hugePagesOffered("[always] madvise never\n")).isTrue();
    assertThat(IsolatedDocumentParser.hugePagesOffered("always madvise [never]\n")).isFalse();
    assertThat(IsolatedDocumentParser.hugePagesOffered("")).isFalse();
  }

  @Test
  void a_childs_young_generation_is_half_its_heap() {
    assertThat(new IsolationConfig(IsolationConfig.Mode.PROCESS, "512m", 1, dir).youngGeneration()).isEqualTo("262144k");
    assertThat(new IsolationConfig(IsolationConfig.Mode.PROCESS, "2G", 1, dir).youngGeneration()).isEqualTo("1048576k");
    assertThat(new IsolationConfig(IsolationConfig.Mode.PROCESS, "1000k", 1, dir).youngGeneration()).isEqualTo("500k");
  }

  /** The command lines of this JVM's parser children, from /proc. */
  static List<List<String>> childCommandLines() {
    return ProcessHandle.current().descendants().map(IsolatedDocumentParserTest::commandLine)
        .filter(a -> a.contains(ParseServer.class.getName())).toList();
  }

  private static List<String> commandLine(ProcessHandle p) {
    try {
      return List.of(Files.readString(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  @Test
  void failures_inside_the_child_keep_their_category() throws IOException {
    Path locked = Documents.encryptedPdf(dir.resolve("locked.pdf"));
    assertThatThrownBy(() -> parser.parse(locked, "locked.pdf", Files.size(locked)))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.ENCRYPTED));
  }

  @Test
  void a_parse_past_the_time_limit_kills_the_child_and_the_next_document_still_parses() throws IOException {
    Path big = Documents.text(dir.resolve("big.txt"), List.of("word ".repeat(2_000_000)));
    IsolatedDocumentParser hasty = parser.withLimits(new ParseLimits(50_000_000, 5, 100, 100, Duration.ofMillis(1)));
    assertThatThrownBy(() -> hasty.parse(big, "big.txt", Files.size(big)))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.category()).isEqualTo(FailureCategory.PARSE_TIMEOUT));
    Path ok = Documents.text(dir.resolve("ok.txt"), List.of("Still working."));
    assertThat(parser.parse(ok, "ok.txt", Files.size(ok)).text()).isEqualTo("Still working.");
    assertThat(parser.childrenReplaced()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void a_document_that_exhausts_the_child_heap_is_resource_exhausted_and_the_worker_survives() throws IOException {
    Path huge = dir.resolve("huge.txt");
    try (var out = Files.newBufferedWriter(huge)) {
      // About 110 MB of text: more than the child's whole 96 MB heap, whatever the extraction keeps.
      for (int i = 0; i < 400_000; i++) {
        out.write("lorem ipsum dolor sit amet ".repeat(10));
      }
    }
    IsolatedDocumentParser greedy = parser.withLimits(new ParseLimits(Integer.MAX_VALUE - 8, 5, 100, 100, Duration.ofSeconds(60)));
    assertThatThrownBy(() -> greedy.parse(huge, "huge.txt", Files.size(huge)))
        .isInstanceOfSatisfying(DocumentException.class,
            e -> assertThat(e.category()).as(e.getMessage()).isEqualTo(FailureCategory.RESOURCE_EXHAUSTED));
    Path ok = Documents.text(dir.resolve("ok2.txt"), List.of("Alive."));
    assertThat(parser.parse(ok, "ok2.txt", Files.size(ok)).text()).isEqualTo("Alive.");
  }

  @Test
  void the_warm_pool_starts_ahead_of_need_and_its_children_are_reused_for_many_documents() throws IOException {
    Path scratch = java.nio.file.Files.createDirectories(dir.resolve("pool"));
    try (IsolatedDocumentParser pool = new IsolatedDocumentParser(ParseLimits.DEFAULT,
        new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 2, scratch)).prestart()) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(pool::warm);
      for (int i = 0; i < 20; i++) {
        Path doc = Documents.text(scratch.resolve("doc-" + i + ".txt"), List.of("Document number " + i + "."));
        assertThat(pool.parse(doc, "doc-" + i + ".txt", Files.size(doc)).text()).isEqualTo("Document number " + i + ".");
      }
      // both lanes in one child, the default
      assertThat(pool.childrenStarted()).isEqualTo(1);
      assertThat(pool.childrenReplaced()).isZero();
    }
  }

  @Test
  void a_failure_inside_the_child_carries_the_childs_exception_class_and_stack_trace() throws IOException {
    Path locked = Documents.encryptedPdf(dir.resolve("locked2.pdf"));
    assertThatThrownBy(() -> parser.parse(locked, "locked2.pdf", Files.size(locked)))
        .isInstanceOfSatisfying(DocumentException.class, e -> {
          dev.ingestion.model.Failure f = dev.ingestion.model.Failure.of(e);
          assertThat(f.exceptionClass()).doesNotStartWith("dev.ingestion").contains(".");
          assertThat(f.stackTrace()).contains("ParseServer").doesNotContain("IsolatedDocumentParser");
        });
  }

  @Test
  void an_idle_child_ignores_sigterm_and_sigint_and_keeps_serving() throws Exception {
    try (IsolatedDocumentParser pool = new IsolatedDocumentParser(ParseLimits.DEFAULT,
        new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 1, Files.createDirectories(dir.resolve("signals"))))) {
      Path doc = Documents.text(dir.resolve("signals/one.txt"), List.of("One."));
      assertThat(pool.parse(doc, "one.txt", Files.size(doc)).text()).isEqualTo("One.");
      for (ProcessHandle child : ProcessHandle.current().children().toList()) {
        for (String signal : List.of("-TERM", "-INT")) {
          new ProcessBuilder("kill", signal, String.valueOf(child.pid())).start().waitFor();
        }
      }
      assertThat(pool.parse(doc, "one.txt", Files.size(doc)).text()).isEqualTo("One.");
      assertThat(pool.childrenStarted()).isEqualTo(1);
      assertThat(pool.childrenReplaced()).isZero();
    }
  }

  @Test
  void a_document_whose_child_is_stopped_by_closing_the_parser_is_not_blamed() throws Exception {
    Path scratch = Files.createDirectories(dir.resolve("closing"));
    System.setProperty(ParserTestHooks.PROPERTY, "true");
    IsolatedDocumentParser pool = new IsolatedDocumentParser(new ParseLimits(1_000_000, 5, 100, 100,
        Duration.ofMinutes(10)), new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 1, scratch));
    try {
      Path spin = Documents.text(scratch.resolve("hook-spin.txt"), List.of("Spins."));
      java.util.concurrent.CompletableFuture<Throwable> outcome = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          pool.parse(spin, "hook-spin.txt", 6);
          return null;
        } catch (RuntimeException e) {
          return e;
        }
      });
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(pool::warm);
      pool.close();
      assertThat(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS))
          .isInstanceOf(dev.ingestion.model.WorkStoppedException.class);
    } finally {
      System.clearProperty(ParserTestHooks.PROPERTY);
      pool.close();
    }
  }

  @Test
  void jvm_log_lines_from_a_child_are_noise_and_its_own_messages_are_not() {
    assertThat(ParserChild.isJvmNoise("[0.012s][error][cds] An error has occurred while processing the shared archive file."))
        .isTrue();
    assertThat(ParserChild.isJvmNoise("[warning][cds] Unable to use shared archive")).isTrue();
    assertThat(ParserChild.isJvmNoise("java.lang.OutOfMemoryError: Java heap space")).isFalse();
    assertThat(ParserChild.isJvmNoise("parser warm-up failed: [x]")).isFalse();
    assertThat(ParserChild.isJvmNoise("NOTE: Picked up JDK_JAVA_OPTIONS: -XX:StartFlightRecording")).isTrue();
  }

  @Test
  void a_child_is_ready_after_jvm_lines_printed_on_stdout_before_its_ready_byte() throws Exception {
    // what a child prints when JDK_JAVA_OPTIONS starts a flight recording: a log line on stdout, then READY
    Process p = new ProcessBuilder("sh", "-c",
        "printf '[0.4s][info][jfr,startup] Started recording 1.\\n\\007'; exec cat >/dev/null").start();
    ParserChild child = new ParserChild(p, Files.createTempDirectory(dir, "child"));
    try {
      child.awaitReady();
      assertThat(child.ready()).isTrue();
      assertThat(child.jvmMessages()).isEqualTo(1);
    } finally {
      child.kill();
    }
  }

  @Test
  void a_child_that_prints_without_ever_saying_ready_did_not_start() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", "printf 'no protocol here'").start();
    ParserChild child = new ParserChild(p, Files.createTempDirectory(dir, "child"));
    assertThatThrownBy(child::awaitReady).isInstanceOf(java.io.IOException.class).hasMessageContaining("exited");
  }

  @Test
  void the_class_data_archive_is_named_after_the_jdk_and_class_path_and_kept_in_the_temp_folder() {
    Path archive = parser.archiveFile();
    assertThat(archive.getParent()).isEqualTo(dir);
    assertThat(archive.getFileName().toString())
        .matches("ingestion_parser_" + Runtime.version().feature() + "_[0-9a-f]{16}\\.jsa");
  }

  @Test
  void exit_codes_have_names() {
    assertThat(ParseProtocol.ChildExit.of(3)).isEqualTo(ParseProtocol.ChildExit.OUT_OF_MEMORY);
    assertThat(ParseProtocol.ChildExit.of(137)).isEqualTo(ParseProtocol.ChildExit.KILLED);
    assertThat(ParseProtocol.ChildExit.of(143)).isEqualTo(ParseProtocol.ChildExit.TERMINATED);
    assertThat(ParseProtocol.ChildExit.of(134)).isEqualTo(ParseProtocol.ChildExit.CRASHED);
  }
}
