package dev.ingestion.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The one JVM shutdown hook of a long-running command. SIGTERM or Ctrl-C does not stop anything by
 * itself: the hook tells the command's own thread to stop ({@link #requested}) and holds the JVM until
 * that thread has stopped everything in order (stop claiming, drain, hand back, stop the parser children,
 * close the pool, print the summary) and said so with {@link #close}, or until the grace period and a
 * margin have passed. Hooks that each stopped one part ran at once, in no order, and killed the parser
 * children under documents that were still draining.
 */
final class ProcessStop implements AutoCloseable {
  /** Time after the grace period for handing back, stopping children and closing the pool. */
  private static final Duration MARGIN = Duration.ofSeconds(15);

  private final CountDownLatch requested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Duration grace;
  private final Thread hook;

  private ProcessStop(Duration grace) {
    this.grace = grace;
    this.hook = Thread.ofPlatform().name("shutdown").unstarted(this::onSignal);
  }

  /** Installs the hook; close it when the command has stopped (normally or on a signal). */
  static ProcessStop install(Duration grace) {
    ProcessStop stop = new ProcessStop(grace);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  private void onSignal() {
    requested.countDown();
    try {
      finished.await(grace.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A stop was asked for (SIGTERM, Ctrl-C, or the JVM is exiting). */
  boolean requested() {
    return requested.getCount() == 0;
  }

  /** Blocks until a stop is asked for. */
  void awaitRequested() throws InterruptedException {
    requested.await();
  }

  /** Blocks up to {@code timeout} for a stop; true if one was asked for. */
  boolean awaitRequested(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Duration grace() {
    return grace;
  }

  /**
   * Runs a command under this hook. A failure while a stop is under way is written to stderr here and
   * turned into {@link Main#EXIT_FATAL}: once {@link #close} opens the latch the JVM exits at once, and
   * an exception left for the command line's handler would vanish unprinted.
   */
  int run(IntSupplier command) {
    try {
      return command.getAsInt();
    } catch (RuntimeException | Error e) {
      if (!requested()) {
        throw e;
      }
      Main.report(e, new PrintWriter(System.err, true));
      return Main.EXIT_FATAL;
    } finally {
      System.out.flush();
      close();
    }
  }

  /** The command has stopped: the JVM may exit now. Removes the hook when no stop is under way. */
  @Override
  public void close() {
    finished.countDown();
    if (!requested()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook returns at once, the latch is open
      }
    }
  }
}
