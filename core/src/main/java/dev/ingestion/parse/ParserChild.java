package dev.ingestion.parse;

import dev.ingestion.temp.TempFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One parser child process, its lanes, and the tail of what it printed to stderr. A lane carries one
 * document at a time: the first is the process's stdin and stdout, the others connect to its socket
 * once it is ready ({@link ParseServer}). The JVM's own
 * messages (unified logging lines such as a stale class-data archive warning) are start-up noise, not
 * the document's error: they are counted ({@link #jvmMessages}), never kept in {@link #lastErrors}.
 */
final class ParserChild {
  private static final int KEPT_ERROR_LINES = 20;
  /** Bytes of JVM output on stdout tolerated before READY. */
  static final int MAX_PREAMBLE = 64 * 1024;
  /** -Xlog output: "[warning][cds] ..." or, with the uptime decoration, "[0.012s][warning][cds] ...". */
  private static final java.util.regex.Pattern JVM_LOG =
      java.util.regex.Pattern.compile("^(?:\\[[0-9.]{1,20}s\\])?\\[(?:error|warning|info|debug|trace) {0,3}\\]\\[");

  final Process process;
  private final List<Lane> lanes;
  private final Path socket;
  /** Lanes with a document in hand now. */
  private final java.util.concurrent.atomic.AtomicInteger busy = new java.util.concurrent.atomic.AtomicInteger();
  /** Lanes that were busy when the process was found dead (-1 until then; guarded by this). */
  private int tenantsAtDeath = -1;
  private final java.util.concurrent.atomic.AtomicBoolean replaced = new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean killedForTimeout;
  private final Deque<String> errors = new ArrayDeque<>();
  /** Lines other than JVM log lines printed on stdout before READY (guarded by this). */
  private final List<String> preamble = new java.util.ArrayList<>();
  private volatile boolean ready;
  private volatile boolean killed;
  private final java.util.concurrent.atomic.AtomicInteger jvmMessages = new java.util.concurrent.atomic.AtomicInteger();
  private final Path tempDir;
  private final Thread stderrReader;

  /** One document's way in and out of the child. */
  static final class Lane {
    final ParserChild child;
    DataOutputStream out;
    DataInputStream in;
    private java.nio.channels.SocketChannel channel;

    private Lane(ParserChild child) {
      this.child = child;
    }
  }

  /** A child with one lane, on its stdin and stdout. */
  ParserChild(Process process, Path tempDir) {
    this(process, tempDir, 1, null);
  }

  /**
   * Starts reading the child's stderr; its own temporary folder is deleted once it has exited. Lanes
   * after the first connect to {@code socket} once the child is ready.
   */
  ParserChild(Process process, Path tempDir, int laneCount, Path socket) {
    this.process = process;
    this.tempDir = tempDir;
    this.socket = socket;
    process.onExit().thenRun(() -> TempFiles.delete(tempDir));
    List<Lane> made = new java.util.ArrayList<>();
    for (int i = 0; i < laneCount; i++) {
      made.add(new Lane(this));
    }
    this.lanes = List.copyOf(made);
    Lane first = lanes.get(0);
    first.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    first.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    this.stderrReader = Thread.ofPlatform().daemon().name("parse-child-stderr-" + process.pid()).start(this::drainErrors);
  }

  private void drainErrors() {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (isJvmNoise(line)) {
          jvmMessages.incrementAndGet();
          continue;
        }
        synchronized (errors) {
          errors.addLast(line);
          if (errors.size() > KEPT_ERROR_LINES) {
            errors.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the child is gone; what it printed so far is kept
    }
  }

  static boolean isJvmNoise(String line) {
    return JVM_LOG.matcher(line).lookingAt() || line.startsWith("NOTE: Picked up JDK_JAVA_OPTIONS");
  }

  /** How many JVM log lines the child printed (left out of {@link #lastErrors}). */
  int jvmMessages() {
    return jvmMessages.get();
  }

  /**
   * Waits for the child's READY byte (once); an IOException means it died while booting. What the JVM
   * itself printed on stdout before it is skipped, up to {@link #MAX_PREAMBLE} bytes: its log lines
   * (JDK_JAVA_OPTIONS with -XX:StartFlightRecording prints one there whatever -Xlog says) are counted as
   * JVM messages, any other line is kept for {@link #startErrors} (the JVM writes why it cannot start,
   * "Multiple garbage collectors selected", to stdout).
   */
  synchronized void awaitReady() throws IOException {
    if (ready) {
      return;
    }
    DataInputStream in = lanes.get(0).in;
    java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
    int b = in.read();
    int skipped = 0;
    while (b >= 0 && b != ParseProtocol.READY && skipped < MAX_PREAMBLE) {
      if (b == '\n') {
        preambleLine(line);
      } else {
        line.write(b);
      }
      skipped++;
      b = in.read();
    }
    preambleLine(line);
    if (b != ParseProtocol.READY) {
      throw new IOException("the parser process did not start (" + (b < 0 ? "exited" : "sent " + b) + ")");
    }
    for (Lane lane : lanes.subList(1, lanes.size())) {
      lane.channel = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(socket));
      lane.out = new DataOutputStream(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(lane.channel)));
      lane.in = new DataInputStream(new BufferedInputStream(java.nio.channels.Channels.newInputStream(lane.channel)));
    }
    ready = true;
  }

  List<Lane> lanes() {
    return lanes;
  }

  /** A lane takes a document. */
  void enter() {
    busy.incrementAndGet();
  }

  /** A lane is done with its document (answered, or the process died under it). */
  void leave() {
    busy.decrementAndGet();
  }

  /**
   * How many lanes had a document in hand when the process was found dead: fixed by the first lane to
   * ask, before any of them leaves, so every lane of one death hears the same number.
   */
  synchronized int tenantsAtDeath() {
    if (tenantsAtDeath < 0) {
      tenantsAtDeath = busy.get();
    }
    return tenantsAtDeath;
  }

  /** True once per child: the first of its lanes to report its death counts the replacement. */
  boolean markReplaced() {
    return replaced.compareAndSet(false, true);
  }

  /** Every lane is idle: the child can be told to finish. */
  boolean idle() {
    return busy.get() == 0;
  }

  private void preambleLine(java.io.ByteArrayOutputStream bytes) {
    String line = bytes.toString(StandardCharsets.UTF_8).strip();
    bytes.reset();
    if (line.isEmpty()) {
      return;
    }
    if (isJvmNoise(line)) {
      jvmMessages.incrementAndGet();
    } else if (preamble.size() < KEPT_ERROR_LINES) {
      preamble.add(line);
    }
  }

  /** Why a child that did not start did not: what it printed on stdout before READY, then on stderr. */
  synchronized List<String> startErrors() {
    List<String> all = new java.util.ArrayList<>(preamble);
    all.addAll(errorLines());
    return all;
  }

  boolean ready() {
    return ready;
  }

  String lastErrors() {
    return String.join(" | ", errorLines());
  }

  /** The lines kept of what the child printed on stderr, oldest first. */
  List<String> errorLines() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Closes the child's input: it finishes and exits by itself. */
  void finish() {
    try {
      lanes.get(0).out.close();
    } catch (IOException e) {
      kill();
    }
  }

  /**
   * Kills the child; remembered, so its death is known to be ours (time limit, shutdown). A process that
   * has already died by itself is not marked: its own exit code says why.
   */
  void kill() {
    if (process.isAlive()) {
      killed = true;
    }
    process.destroyForcibly();
    closeSockets();
  }

  /** This side of the lanes' sockets: a dead child's would stay open until collected. */
  private void closeSockets() {
    for (Lane lane : lanes) {
      if (lane.channel != null) {
        try {
          lane.channel.close();
        } catch (IOException e) {
          // nothing left to say to it
        }
      }
    }
  }

  /** Kills the child because one of its documents ran past its time limit: the others are not to blame. */
  void killForTimeout() {
    killedForTimeout = true;
    kill();
  }

  boolean killedForTimeout() {
    return killedForTimeout;
  }

  /**
   * Gives a child whose pipe broke a moment to finish dying by itself, and its last stderr lines a moment
   * to be read: killing it at once would replace its own exit code (3 for an exhausted heap) by SIGKILL's.
   */
  void awaitOwnExit(long millis) {
    try {
      if (process.waitFor(millis, TimeUnit.MILLISECONDS)) {
        stderrReader.join(millis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** This process killed the child (rather than the child crashing or being killed from outside). */
  boolean killedByUs() {
    return killed;
  }

  /** Waits up to 10 s for the child to exit (then kills it) and deletes its temporary folder now. */
  void awaitExitAndClean() {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    closeSockets();
    TempFiles.delete(tempDir);
  }

  /** The exit code, waiting briefly for a child that is dying; -1 if it is still running. */
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
