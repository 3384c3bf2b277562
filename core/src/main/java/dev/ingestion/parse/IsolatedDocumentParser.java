package dev.ingestion.parse;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.temp.TempFiles;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses in child JVMs ({@link ParseServer}), one document at a time per child. A child that runs past
 * the time limit is killed ({@code parse_timeout}); one that dies of OutOfMemoryError is replaced
 * ({@code resource_exhausted}); one that crashes otherwise is replaced too. The worker and the other
 * documents are never affected. Children start on demand and are reused.
 */
public final class IsolatedDocumentParser implements DocumentParser, AutoCloseable {
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("parse-watchdog").unstarted(r));

  private final ParseLimits limits;
  private final IsolationConfig config;
  private final LinkedBlockingQueue<Child> idle;
  private final List<Child> all;
  private final AtomicInteger started;
  private final AtomicInteger restarts;
  private final AtomicBoolean closed;

  public IsolatedDocumentParser(ParseLimits limits, IsolationConfig config) {
    this(limits, config, new LinkedBlockingQueue<>(), new ArrayList<>(), new AtomicInteger(), new AtomicInteger(),
        new AtomicBoolean());
  }

  private IsolatedDocumentParser(ParseLimits limits, IsolationConfig config, LinkedBlockingQueue<Child> idle,
      List<Child> all, AtomicInteger started, AtomicInteger restarts, AtomicBoolean closed) {
    this.limits = limits;
    this.config = config;
    this.idle = idle;
    this.all = all;
    this.started = started;
    this.restarts = restarts;
    this.closed = closed;
  }

  /**
   * The same pool of children with another time limit and character limit (an operator's replay
   * overrides). Embedded-document limits are fixed when a child starts and stay as configured.
   */
  public IsolatedDocumentParser withLimits(ParseLimits other) {
    return new IsolatedDocumentParser(other, config, idle, all, started, restarts, closed);
  }

  /** Children started so far, and how many of those replaced a killed or crashed one. */
  public int childrenStarted() {
    return started.get();
  }

  public int childrenReplaced() {
    return restarts.get();
  }

  @Override
  public ExtractedDocument parse(InputStream content, String fileName, long declaredSize) {
    Path tmp = null;
    try {
      tmp = TempFiles.createFile(config.tempDir(), "parse", ".bin");
      Files.copy(content, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return parse(tmp, fileName, declaredSize);
    } catch (IOException e) {
      throw new DocumentException(Stage.FETCH, FailureCategory.RESOURCE_EXHAUSTED, true,
          "cannot spool the document to " + config.tempDir() + " for parsing: " + e.getMessage(), e);
    } finally {
      TempFiles.delete(tmp);
    }
  }

  @Override
  public ExtractedDocument parse(Path file, String fileName, long declaredSize) {
    Child child = acquire();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      timedOut.set(true);
      child.kill();
    }, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      ParseProtocol.writeRequest(child.out, new ParseProtocol.Request(
          file.toAbsolutePath().toString(), fileName, declaredSize, limits.maxChars()));
      Object response = ParseProtocol.readResponse(child.in);
      watchdog.cancel(false);
      idle.add(child);
      if (response instanceof ParseProtocol.Failure f) {
        throw new DocumentException(Stage.PARSE, f.category(), f.retryable(), f.message(), null);
      }
      return (ExtractedDocument) response;
    } catch (IOException e) {
      watchdog.cancel(false);
      throw childDied(child, timedOut.get(), e);
    }
  }

  private DocumentException childDied(Child child, boolean timedOut, IOException cause) {
    child.kill();
    forget(child);
    restarts.incrementAndGet();
    if (timedOut) {
      return new DocumentException(Stage.PARSE, FailureCategory.PARSE_TIMEOUT, String.format(Locale.ROOT,
          "parsing took longer than the %d s limit (pipeline.parse.timeout); the parser process was killed."
              + " Replay with a longer timeout if the file is legitimate", limits.timeout().toSeconds()), cause);
    }
    int exit = child.exitCode();
    String last = child.lastErrors();
    if (exit == 3 || last.contains("OutOfMemoryError")) {
      return new DocumentException(Stage.PARSE, FailureCategory.RESOURCE_EXHAUSTED, false,
          "the parser ran out of memory (child heap " + config.childHeap() + ", pipeline.parse.child_heap);"
              + " the document is too big or too complex to parse with that heap", cause);
    }
    return new DocumentException(Stage.PARSE, FailureCategory.CORRUPT, false,
        "the parser process crashed on this document (exit " + exit + ")" + (last.isBlank() ? "" : ": " + last), cause);
  }

  private Child acquire() {
    Child child = idle.poll();
    if (child != null && child.alive()) {
      return child;
    }
    if (child != null) {
      forget(child);
    }
    if (closed.get()) {
      throw new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, true, "parser is shutting down", null);
    }
    synchronized (all) {
      if (all.size() < config.maxChildren()) {
        return spawn();
      }
    }
    try {
      Child next = idle.take();
      return next.alive() ? next : replace(next);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, true, "interrupted waiting for a parser", e);
    }
  }

  private Child replace(Child dead) {
    forget(dead);
    synchronized (all) {
      return spawn();
    }
  }

  private void forget(Child child) {
    synchronized (all) {
      all.remove(child);
    }
    child.kill();
  }

  private Child spawn() {
    Path tmp = childTempDir();
    List<String> cmd = List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx" + config.childHeap(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
        // Class data sharing: the first child writes an archive of the loaded classes, later ones map it.
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + tmp.resolveSibling(
            "ingestion_" + ProcessHandle.current().pid() + "_classes_" + Runtime.version().feature() + ".jsa"),
        "--enable-native-access=ALL-UNNAMED",
        // Tika and POI spool to java.io.tmpdir: each child gets its own ingestion_* folder, deleted with it.
        "-Djava.io.tmpdir=" + tmp, "-Dlogback.configurationFile=ingestion-parse-child-logback.xml",
        "-cp", System.getProperty("java.class.path"),
        ParseServer.class.getName(),
        String.valueOf(limits.maxEmbeddedDepth()), String.valueOf(limits.maxEmbeddedCount()),
        String.valueOf(limits.maxCompressionRatio()));
    try {
      Process p = new ProcessBuilder(cmd).start();
      Child child = new Child(p, tmp);
      all.add(child);
      started.incrementAndGet();
      return child;
    } catch (IOException e) {
      TempFiles.delete(tmp);
      throw new DocumentException(Stage.PARSE, FailureCategory.RESOURCE_EXHAUSTED, true,
          "cannot start a parser process: " + e.getMessage(), e);
    }
  }

  private Path childTempDir() {
    try {
      return TempFiles.createDirectory(config.tempDir(), "parser");
    } catch (IOException e) {
      throw new DocumentException(Stage.PARSE, FailureCategory.RESOURCE_EXHAUSTED, true,
          "cannot create a temporary folder for a parser process in " + config.tempDir() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    closed.set(true);
    synchronized (all) {
      all.forEach(Child::kill);
      all.forEach(Child::awaitExitAndClean);
      all.clear();
    }
    idle.clear();
    TempFiles.delete(config.tempDir().resolve(
        "ingestion_" + ProcessHandle.current().pid() + "_classes_" + Runtime.version().feature() + ".jsa"));
  }

  /** One child process, its pipes, and the tail of what it printed to stderr. */
  private static final class Child {
    final Process process;
    final DataOutputStream out;
    final DataInputStream in;
    private final Path tempDir;
    private final Deque<String> errors = new ArrayDeque<>();

    Child(Process process, Path tempDir) {
      this.process = process;
      this.tempDir = tempDir;
      this.out = new DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream()));
      this.in = new DataInputStream(new java.io.BufferedInputStream(process.getInputStream()));
      Thread.ofPlatform().daemon().name("parse-child-stderr").start(this::drainErrors);
    }

    private void drainErrors() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          synchronized (errors) {
            errors.addLast(line);
            if (errors.size() > 20) {
              errors.removeFirst();
            }
          }
        }
      } catch (IOException e) {
        // the child is gone
      }
    }

    String lastErrors() {
      synchronized (errors) {
        return String.join(" | ", errors);
      }
    }

    boolean alive() {
      return process.isAlive();
    }

    /** Waits (briefly) for a killed process to be gone and deletes its temporary folder now. */
    void awaitExitAndClean() {
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TempFiles.delete(tempDir);
    }

    /** Kills the process and, once it is gone, deletes its temporary folder. */
    void kill() {
      process.destroyForcibly();
      process.onExit().thenRun(() -> TempFiles.delete(tempDir));
    }

    int exitCode() {
      try {
        process.waitFor(5, TimeUnit.SECONDS);
        return process.isAlive() ? -1 : process.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
  }
}
