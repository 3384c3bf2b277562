package dev.ingestion.parse;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.ParserUnavailableException;
import dev.ingestion.model.RemoteException;
import dev.ingestion.model.Stage;
import dev.ingestion.model.WorkStoppedException;
import dev.ingestion.temp.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses in child JVMs ({@link ParseServer}): {@code maxChildren} lanes, each one document at a time, by
 * default all in one child (Tika, POI and PDFBox loaded and compiled once; see
 * {@link IsolationConfig#lanesPerChild}). A child that runs past the time limit is killed ({@code parse_timeout});
 * one that dies of OutOfMemoryError is replaced ({@code resource_exhausted}); one that crashes otherwise is
 * replaced too. The worker is never affected, and no other document is blamed (below). The warm pool,
 * children for {@code maxChildren} lanes, starts when the first document needs parsing (a process that
 * never parses, such as {@code ingestion api} or a re-run over an unchanged folder, starts none); children
 * are reused for any number of documents and replaced, in the background, only after a crash, a timeout or
 * an OutOfMemoryError. A child killed because this parser is being closed is never blamed on its document:
 * the parse ends with {@link WorkStoppedException}. A child that cannot start (a JVM option it refuses, no
 * memory or temporary space, a machine too loaded for it to be ready in time) is not the document's fault
 * either: the parse ends with {@link ParserUnavailableException}, which names the settings to check and
 * quotes the child's own error.
 *
 * <p>A child that dies with more than one document in hand says nothing certain about any of them. The
 * others of a document killed for its time limit are parsed again at once, uncounted; after an
 * exhausted heap or a crash each of them is parsed again alone, every other lane held back, and only a
 * document that kills its child alone is blamed. A document is never blamed for its neighbour.
 */
public final class IsolatedDocumentParser implements DocumentParser, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IsolatedDocumentParser.class);
  private static final boolean HUGE_PAGES =
      hugePagesOffered(readQuietly(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().daemon().name("parse-watchdog").unstarted(r));

  /** A collector chosen in {@code child_java_options}: it replaces the serial one (the JVM refuses two). */
  private static final java.util.regex.Pattern COLLECTOR =
      java.util.regex.Pattern.compile("-XX:\\+Use(Serial|Parallel|G1|Z|Shenandoah|Epsilon)GC");
  private static final java.time.Duration STARTUP_LIMIT = java.time.Duration.ofMinutes(2);
  /** A document lost with its neighbours this often is parsed alone next, whatever killed its child. */
  private static final int SHARED_TRIES = 3;
  /** The longest socket path the kernel takes (108 bytes with its terminator), with a margin. */
  private static final int MAX_SOCKET_PATH = 100;

  private final ParseLimits limits;
  private final IsolationConfig config;
  private final LinkedBlockingQueue<ParserChild.Lane> idle;
  private final List<ParserChild> all;
  /** Read: a document parsed beside others; write: a document parsed alone, every other lane held back. */
  private final ReentrantReadWriteLock alone;
  private final AtomicInteger started;
  private final AtomicInteger restarts;
  private final AtomicBoolean closed;
  private final AtomicBoolean poolStarted;
  private volatile Path archive;

  /** Checks here, before any child starts, that Tesseract is installed when OCR is enabled. */
  public IsolatedDocumentParser(ParseLimits limits, IsolationConfig config) {
    this(checked(limits), config, new LinkedBlockingQueue<>(), new ArrayList<>(), new ReentrantReadWriteLock(true),
        new AtomicInteger(), new AtomicInteger(), new AtomicBoolean(), new AtomicBoolean());
  }

  private IsolatedDocumentParser(ParseLimits limits, IsolationConfig config, LinkedBlockingQueue<ParserChild.Lane> idle,
      List<ParserChild> all, ReentrantReadWriteLock alone, AtomicInteger started, AtomicInteger restarts,
      AtomicBoolean closed, AtomicBoolean poolStarted) {
    this.limits = limits;
    this.config = config;
    this.idle = idle;
    this.all = all;
    this.alone = alone;
    this.started = started;
    this.restarts = restarts;
    this.closed = closed;
    this.poolStarted = poolStarted;
  }

  private static ParseLimits checked(ParseLimits limits) {
    Tesseract.require(limits.ocr(), Tesseract.PROGRAM);
    return limits;
  }

  /**
   * Starts the warm pool in the background: children for {@code maxChildren} lanes, one after the other
   * (each boots with the machine to itself, so the first is ready as soon as possible on a busy host).
   * A document that arrives before the pool is full starts its own child. The first parse calls this.
   */
  public IsolatedDocumentParser prestart() {
    if (!poolStarted.compareAndSet(false, true)) {
      return this;
    }
    LOG.info("starting parser process(es) for the first document to parse: {} document(s) at once, {} per process",
        config.maxChildren(), config.lanesPerChild());
    Thread.ofPlatform().daemon().name("parse-prestart").start(() -> {
      while (!closed.get()) {
        ParserChild child;
        synchronized (all) {
          if (lanes() >= config.maxChildren()) {
            return;
          }
          try {
            child = spawn();
          } catch (ParserUnavailableException e) {
            LOG.warn("cannot start the warm pool: {}", e.getMessage());
            return;
          }
          idle.addAll(child.lanes());
        }
        try {
          child.awaitReady();
        } catch (IOException e) {
          // the document that takes this child hears why (boot), once, with the child's own error
          LOG.debug("a parser process of the warm pool did not start: {}", e.getMessage());
          return;
        }
      }
    });
    return this;
  }

  /**
   * The same pool of children with another time limit and character limit (an operator's replay
   * overrides). Embedded-document limits and OCR are fixed when a child starts and stay as configured.
   */
  public IsolatedDocumentParser withLimits(ParseLimits other) {
    return new IsolatedDocumentParser(other, config, idle, all, alone, started, restarts, closed, poolStarted);
  }

  /** Child processes started so far, and how many of those replaced a killed or crashed one. */
  public int childrenStarted() {
    return started.get();
  }

  public int childrenReplaced() {
    return restarts.get();
  }

  /** Every child of the pool is started and has said READY. */
  public boolean warm() {
    synchronized (all) {
      return lanes() >= config.maxChildren() && all.stream().allMatch(ParserChild::ready);
    }
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
    prestart();
    boolean single = false;
    for (int tries = 1; ; tries++) {
      java.util.concurrent.locks.Lock lock = single ? alone.writeLock() : alone.readLock();
      try {
        lock.lockInterruptibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WorkStoppedException("interrupted waiting for a parser process (the worker is stopping)", e);
      }
      try {
        return parseOnce(file, fileName, declaredSize, single);
      } catch (NeighbourLost lost) {
        single = lost.alone || tries >= SHARED_TRIES;
        LOG.info("{}: its parser process died with other documents in hand ({}); parsing it again{}", fileName,
            lost.getMessage(), single ? " alone" : "");
      } finally {
        lock.unlock();
      }
    }
  }

  /** One try on one lane; {@link NeighbourLost} when the child died with others and blame is not certain. */
  private ExtractedDocument parseOnce(Path file, String fileName, long declaredSize, boolean single) {
    ParserChild.Lane lane = acquire();
    ParserChild child = lane.child;
    boot(child);
    child.enter();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      timedOut.set(true);
      child.killForTimeout();
    }, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
    ParseProtocol.Response response;
    try {
      ParseProtocol.writeRequest(lane.out, new ParseProtocol.Request(
          file.toAbsolutePath().toString(), fileName, declaredSize, limits.maxChars()));
      response = ParseProtocol.readResponse(lane.in);
    } catch (IOException e) {
      watchdog.cancel(false);
      try {
        throw childDied(child, timedOut.get(), single, e);
      } finally {
        child.leave();
      }
    }
    watchdog.cancel(false);
    child.leave();
    idle.add(lane);
    return switch (response) {
      // the language here, in this process's compiled code, where it costs a fraction of the child's CPU
      case ParseProtocol.Parsed p -> TikaDocumentParser.withLanguage(p.document());
      case ParseProtocol.Failure f -> throw new DocumentException(Stage.PARSE, f.category(), f.retryable(), f.message(),
          new RemoteException(f.exceptionClass(), f.message(), f.stackTrace()));
    };
  }

  /** The child died with other documents in hand: parse this one again, {@code alone} if it may be the cause. */
  private static final class NeighbourLost extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final boolean alone;

    NeighbourLost(String why, boolean alone, Throwable cause) {
      super(why, cause, false, false);
      this.alone = alone;
    }
  }

  /**
   * Waits for a child that is still booting; the document's time limit starts only after, so a slow
   * start-up on a loaded machine is never counted as a slow parse. A child that exits or runs out of
   * start-up time before it is ready is the parser's outage, not the document's fault.
   */
  private void boot(ParserChild child) {
    ScheduledFuture<?> startWatchdog = WATCHDOG.schedule(child::kill, STARTUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      child.awaitReady();
    } catch (IOException e) {
      boolean outOfTime = child.killedByUs();
      if (!outOfTime) {
        child.awaitOwnExit(2_000);
      }
      forget(child);
      if (closed.get()) {
        throw new WorkStoppedException("parsing stopped: the parser processes are shutting down", e);
      }
      throw new ParserUnavailableException(startFailure(outOfTime, child.exitCode(), child.startErrors()), e);
    } finally {
      startWatchdog.cancel(false);
    }
  }

  /** Why a child did not start, in one line: its first error lines and the settings that shape its JVM. */
  static String startFailure(boolean outOfTime, int exit, List<String> errors) {
    if (outOfTime) {
      return "a parser process was not ready within " + STARTUP_LIMIT.toSeconds() + " s and was stopped: the machine"
          + " is too loaded to start one, or an option in pipeline.parse.child_java_options slows its start-up";
    }
    String said = errors.isEmpty() ? "it printed no error" : String.join(" | ", errors.subList(0, Math.min(3, errors.size())));
    return "a parser process exited before it was ready (exit " + exit + "): " + said
        + "; check pipeline.parse.child_java_options and pipeline.parse.child_heap";
  }

  /**
   * What the death of a busy child says about its document, read from who killed it, its exit code
   * ({@link ParseProtocol.ChildExit}) and whether other documents were in it: our own stop is nobody's
   * fault, our time limit is the document's slowness (and not its neighbours'), a heap exhausted is its
   * size and a crash is corruption only when it was parsed alone ({@link NeighbourLost} otherwise), a
   * signal from outside is retried.
   */
  private RuntimeException childDied(ParserChild child, boolean timedOut, boolean single, IOException cause) {
    boolean ours = child.killedByUs();
    boolean shared = child.tenantsAtDeath() > 1 && !single;
    if (!ours) {
      child.awaitOwnExit(2_000);
    }
    child.kill();
    forget(child);
    if (closed.get() && !timedOut) {
      return new WorkStoppedException("parsing stopped: the parser processes are shutting down", cause);
    }
    if (child.markReplaced()) {
      restarts.incrementAndGet();
    }
    refill();
    if (timedOut) {
      return new DocumentException(Stage.PARSE, FailureCategory.PARSE_TIMEOUT, String.format(Locale.ROOT,
          "parsing took longer than the %d s limit (pipeline.parse.timeout); the parser process was killed."
              + " Replay with a longer timeout if the file is legitimate", limits.timeout().toSeconds()), cause);
    }
    if (child.killedForTimeout()) {
      return new NeighbourLost("another document ran past its time limit", false, cause);
    }
    int exit = child.exitCode();
    String last = child.lastErrors();
    ParseProtocol.ChildExit how = ParseProtocol.ChildExit.of(exit);
    if (how == ParseProtocol.ChildExit.OUT_OF_MEMORY || last.contains("OutOfMemoryError")) {
      if (shared) {
        return new NeighbourLost("out of memory", true, cause);
      }
      return new DocumentException(Stage.PARSE, FailureCategory.RESOURCE_EXHAUSTED, false,
          "the parser ran out of memory (child heap " + config.childHeap() + " per document, pipeline.parse.child_heap);"
              + " the document is too big or too complex to parse with that heap", cause);
    }
    if (ours || how == ParseProtocol.ChildExit.INTERRUPTED || how == ParseProtocol.ChildExit.TERMINATED
        || how == ParseProtocol.ChildExit.KILLED || how == ParseProtocol.ChildExit.NORMAL) {
      return new DocumentException(Stage.PARSE, FailureCategory.INTERNAL, true, "the parser process was stopped"
          + " from outside while parsing this document (exit " + exit + ", " + how.name().toLowerCase(Locale.ROOT)
          + "); the document is retried", cause);
    }
    if (shared) {
      return new NeighbourLost("crashed, exit " + exit, true, cause);
    }
    return new DocumentException(Stage.PARSE, FailureCategory.CORRUPT, false,
        "the parser process crashed on this document (exit " + exit + ")" + (last.isBlank() ? "" : ": " + last), cause);
  }

  /** An idle lane, one of a new child while the pool is not full, or the next to become idle; never after close. */
  private ParserChild.Lane acquire() {
    while (true) {
      if (closed.get()) {
        throw new WorkStoppedException("parsing stopped: the parser processes are shutting down", null);
      }
      ParserChild.Lane lane = idle.poll();
      if (lane == null) {
        synchronized (all) {
          if (!closed.get() && lanes() < config.maxChildren()) {
            List<ParserChild.Lane> fresh = spawn().lanes();
            idle.addAll(fresh.subList(1, fresh.size()));
            return fresh.get(0);
          }
        }
        lane = awaitIdle();
      }
      if (lane != null && lane.child.alive()) {
        return lane;
      }
      if (lane != null) {
        forget(lane.child);
      }
    }
  }

  /** Lanes of the children running now (guarded by {@code all}). */
  private int lanes() {
    int n = 0;
    for (ParserChild child : all) {
      n += child.lanes().size();
    }
    return n;
  }

  private ParserChild.Lane awaitIdle() {
    try {
      return idle.poll(200, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkStoppedException("interrupted waiting for a parser process (the worker is stopping)", e);
    }
  }

  /** Replaces a lost child right away so the next document does not wait for a JVM to boot. */
  private void refill() {
    synchronized (all) {
      if (!closed.get() && lanes() < config.maxChildren()) {
        try {
          idle.addAll(spawn().lanes());
        } catch (ParserUnavailableException e) {
          LOG.warn("cannot start a replacement parser process: {}", e.getMessage());
        }
      }
    }
  }

  private void forget(ParserChild child) {
    synchronized (all) {
      all.remove(child);
    }
    idle.removeAll(child.lanes());
    child.kill();
  }

  /** A child for as many of the missing lanes as one child takes (guarded by {@code all}). */
  private ParserChild spawn() {
    Path tmp = childTempDir();
    Path socket = tmp.resolve("lanes.sock");
    int lanes = Math.max(1, Math.min(config.lanesPerChild(), config.maxChildren() - lanes()));
    if (lanes > 1 && socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      LOG.debug("{} is too long a socket path: one document per parser process", socket);
      lanes = 1;
    }
    try {
      Process p = new ProcessBuilder(command(tmp, lanes, socket)).start();
      ParserChild child = new ParserChild(p, tmp, lanes, socket);
      all.add(child);
      started.incrementAndGet();
      return child;
    } catch (IOException e) {
      TempFiles.delete(tmp);
      throw new ParserUnavailableException("cannot start a parser process: " + e.getMessage(), e);
    }
  }

  private Path childTempDir() {
    try {
      return TempFiles.createDirectory(config.tempDir(), "parser");
    } catch (IOException e) {
      throw new ParserUnavailableException("cannot create a temporary folder for a parser process in " + config.tempDir()
          + " (pipeline.temp_dir): " + e.getMessage(), e);
    }
  }

  /**
   * Whether the kernel's transparent huge page setting ({@code always [madvise] never}) lets a process ask
   * for them: the JVM warns on every start when asked where they are off.
   */
  static boolean hugePagesOffered(String setting) {
    return setting.contains("[always]") || setting.contains("[madvise]");
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private List<String> command(Path tmp, int lanes, Path socket) {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx" + config.heapFor(lanes), "-Xmn" + config.youngGeneration(lanes),
        "-XX:+ExitOnOutOfMemoryError",
        // Class data sharing: the first child to exit writes an archive of the loaded classes, later ones map it.
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archiveFile(),
        // stdout carries the protocol: no JVM log goes there, warnings (a stale or truncated CDS archive ...)
        // go to stderr. Log files asked for in JDK_JAVA_OPTIONS (-Xlog:gc:file=...) are kept.
        "-Xlog:all=off:stdout", "-Xlog:all=warning:stderr",
        "--enable-native-access=ALL-UNNAMED",
        // Tika and POI spool to java.io.tmpdir: each child gets its own ingestion_* folder, deleted with it.
        "-Djava.io.tmpdir=" + tmp, "-Dlogback.configurationFile=ingestion-parse-child-logback.xml"));
    if (!choosesCollector(config.childJavaOptions())) {
      // one thread collecting a heap of one document: the least CPU per document (docs/benchmarks.md)
      cmd.add("-XX:+UseSerialGC");
    }
    if (HUGE_PAGES) {
      // The heap on 2 MB pages where the kernel offers them: fewer page faults and TLB misses for parsers
      // that allocate as much as these (docs/benchmarks.md, "Parsing on the reading thread, heaps on huge pages").
      cmd.add("-XX:+UseTransparentHugePages");
    }
    cmd.addAll(config.childJavaOptions());
    if (ParserTestHooks.enabled()) {
      cmd.add("-D" + ParserTestHooks.PROPERTY + "=true");
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ParseServer.class.getName(),
        String.valueOf(limits.maxEmbeddedDepth()), String.valueOf(limits.maxEmbeddedCount()),
        String.valueOf(limits.maxCompressionRatio()), String.valueOf(limits.maxChars()),
        limits.ocr().enabled() ? limits.ocr().tesseractLanguages() : "off"));
    if (lanes > 1) {
      cmd.addAll(List.of(String.valueOf(lanes), socket.toString()));
    }
    return cmd;
  }

  /** A collector named in the operator's options replaces the serial one: the JVM refuses two. */
  static boolean choosesCollector(List<String> options) {
    return options.stream().anyMatch(o -> COLLECTOR.matcher(o).matches());
  }

  /** The children's class-data archive ({@link ChildClassArchive}), found once per parser. */
  Path archiveFile() {
    Path a = archive;
    if (a == null) {
      a = ChildClassArchive.locate(config.tempDir());
      archive = a;
    }
    return a;
  }

  @Override
  public void close() {
    List<ParserChild> stopping;
    closed.set(true);
    synchronized (all) {
      // Idle children get end-of-input and exit normally (writing the class-data archive the first
      // time); busy ones, and any that do not exit within a few seconds, are killed.
      for (ParserChild child : all) {
        if (child.idle()) {
          child.finish();
        }
        WATCHDOG.schedule(child::kill, 10, TimeUnit.SECONDS);
      }
      all.stream().filter(c -> !c.idle()).forEach(ParserChild::kill);
      stopping = List.copyOf(all);
      all.clear();
    }
    idle.clear();
    // Wait for the children here, so their temporary folders are gone before this process exits.
    stopping.forEach(ParserChild::awaitExitAndClean);
  }
}
