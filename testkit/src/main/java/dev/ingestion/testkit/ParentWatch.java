package dev.ingestion.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs a search-engine node's own main class and ends the node when the test JVM that started it is gone.
 * {@link ChildNode} keeps the node's standard input open; when the test JVM dies, even by SIGKILL, the
 * pipe closes, the read below sees its end and the node exits (its shutdown hooks run). Without this a
 * node started by a killed test run stays up for good. Only JDK classes: the node's class path holds
 * the engine's own libraries and this class alone of ours.
 */
public final class ParentWatch {
  private ParentWatch() {}

  /** {@code args[0]} is the node's main class, the rest its arguments. */
  public static void main(String[] args) throws Throwable {
    Thread watch = new Thread(ParentWatch::awaitEndOfInput, "parent-watch");
    watch.setDaemon(true);
    watch.start();
    try {
      Class.forName(args[0]).getMethod("main", String[].class)
          .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void awaitEndOfInput() {
    try (InputStream in = System.in) {
      while (in.read() >= 0) {
        // the test JVM writes nothing; any byte is ignored
      }
    } catch (IOException e) {
      // a broken pipe is the same news: the parent is gone
    }
    System.exit(0);
  }
}
