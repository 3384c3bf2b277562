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
 * One parser child process, its pipes, and the tail of what it printed to stderr. The JVM's own
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
  final DataOutputStream out;
  final DataInputStream in;
  private final Deque<String> errors = new ArrayDeque<>();
  /** Lines other than JVM log lines printed on stdout before READY (guarded by this). */
  private final List<String> preamble = new java.util.ArrayList<>();
  private volatile boolean ready;
  private volatile boolean killed;
  private final java.util.concurrent.atomic.AtomicInteger jvmMessages = new java.util.concurrent.atomic.AtomicInteger();
  private final Path tempDir;
  private final Thread stderrReader;

  /** Starts reading the child's stderr; its own temporary folder is deleted once it has exited. */
  ParserChild(Process process, Path tempDir) {
    this.process = process;
    this.tempDir = tempDir;
    process.onExit().thenRun(() -> TempFiles.delete(tempDir));
    this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
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
    ready = true;
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
      out.close();
    } catch (IOException e) {
      kill();
    }
  }

  /** Kills the child; remembered, so its death is known to be ours (time limit, shutdown). */
  void kill() {
    killed = true;
    process.destroyForcibly();
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
