package dev.ingestion.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several documents parsed at once in one child process: one JVM for all lanes, and a document is never
 * blamed for the one beside it (a time limit, an exhausted heap).
 */
@ProcessTest
class SharedParserChildTest {
  private static final ParseLimits ROOMY = new ParseLimits(1_000_000, 5, 100, 100, Duration.ofSeconds(60));
  @TempDir Path dir;
  /** Documents in flight at once (the common pool may have a single thread on two cores). */
  private final ExecutorService threads = Executors.newFixedThreadPool(4);

  @BeforeEach
  void hooks() {
    System.setProperty(ParserTestHooks.PROPERTY, "true");
  }

  @AfterEach
  void noHooks() {
    threads.shutdownNow();
    System.clearProperty(ParserTestHooks.PROPERTY);
  }

  private IsolatedDocumentParser twoLanes(Path scratch) {
    return new IsolatedDocumentParser(ROOMY, new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 2, scratch));
  }

  @Test
  void two_documents_at_once_share_one_child_whose_heap_is_the_child_heap_for_each() throws Exception {
    try (IsolatedDocumentParser pool = twoLanes(dir)) {
      List<CompletableFuture<String>> texts = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Path doc = Documents.text(dir.resolve("doc-" + i + ".txt"), List.of("Document number " + i + "."));
        texts.add(CompletableFuture.supplyAsync(() -> pool.parse(doc, doc.getFileName().toString(), 20).text(), threads));
      }
      for (int i = 0; i < 20; i++) {
        assertThat(texts.get(i).get(120, TimeUnit.SECONDS)).isEqualTo("Document number " + i + ".");
      }
      assertThat(pool.childrenStarted()).isEqualTo(1);
      assertThat(pool.childrenReplaced()).isZero();
      List<String> args = IsolatedDocumentParserTest.childCommandLines().stream()
          .filter(a -> a.stream().anyMatch(x -> x.startsWith("-Djava.io.tmpdir=" + dir))).findFirst().orElseThrow();
      assertThat(args).contains("-Xmx196608k", "-Xmn98304k");
      // the other lane's socket is in the child's own folder, which only this user may enter
      Path socket;
      try (var found = java.nio.file.Files.find(dir, 3, (p, attrs) -> p.getFileName().toString().equals("lanes.sock"))) {
        socket = found.findFirst().orElseThrow();
      }
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
          java.nio.file.Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwx------");
    }
  }

  @Test
  void one_child_per_document_when_asked() throws Exception {
    try (IsolatedDocumentParser pool = new IsolatedDocumentParser(ROOMY,
        new IsolationConfig(IsolationConfig.Mode.PROCESS, "96m", 2, dir).withPerChild(1)).prestart()) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(120)).until(pool::warm);
      assertThat(pool.childrenStarted()).isEqualTo(2);
    }
  }

  @Test
  void a_document_killed_with_its_child_for_anothers_time_limit_is_parsed_again_and_not_blamed() throws Exception {
    try (IsolatedDocumentParser pool = twoLanes(dir)) {
      IsolatedDocumentParser hasty = pool.withLimits(new ParseLimits(1_000_000, 5, 100, 100, Duration.ofMillis(1_500)));
      Beside both = beside(pool, hasty, "hook-spin.txt");
      assertThat(both.other().get(120, TimeUnit.SECONDS)).isInstanceOfSatisfying(DocumentException.class,
          e -> assertThat(e.category()).isEqualTo(FailureCategory.PARSE_TIMEOUT));
      assertThat(both.sleeper().get(120, TimeUnit.SECONDS)).isEqualTo("Slow but fine.");
      assertThat(pool.childrenReplaced()).isEqualTo(1);
    }
  }

  @Test
  void after_a_child_runs_out_of_memory_with_two_documents_each_is_parsed_alone_and_only_the_greedy_one_is_blamed()
      throws Exception {
    try (IsolatedDocumentParser pool = twoLanes(dir)) {
      Beside both = beside(pool, pool, "hook-allocate.txt");
      assertThat(both.other().get(180, TimeUnit.SECONDS)).isInstanceOfSatisfying(DocumentException.class,
          e -> assertThat(e.category()).as(e.getMessage()).isEqualTo(FailureCategory.RESOURCE_EXHAUSTED));
      assertThat(both.sleeper().get(180, TimeUnit.SECONDS)).isEqualTo("Slow but fine.");
      // the shared death, then the greedy document's death alone
      assertThat(pool.childrenReplaced()).isEqualTo(2);
    }
  }

  /** A slow, harmless document in flight, then {@code name} (a hook) on the other lane through {@code parser}. */
  private Beside beside(IsolatedDocumentParser pool, IsolatedDocumentParser parser, String name) throws Exception {
    Path sleeper = Documents.text(dir.resolve("hook-sleep.txt"), List.of("Slow but fine."));
    Path other = Documents.text(dir.resolve(name), List.of("Misbehaves."));
    pool.parse(Documents.text(dir.resolve("first.txt"), List.of("Warm.")), "first.txt", 6);
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> pool.parse(sleeper, "hook-sleep.txt", 15).text(),
        threads);
    Thread.sleep(300);
    return new Beside(slow, CompletableFuture.supplyAsync(() -> failure(parser, other, name), threads));
  }

  private record Beside(CompletableFuture<String> sleeper, CompletableFuture<Throwable> other) {}

  private static Throwable failure(IsolatedDocumentParser parser, Path file, String name) {
    try {
      parser.parse(file, name, 12);
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
