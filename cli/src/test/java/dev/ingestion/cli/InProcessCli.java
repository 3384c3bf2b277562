package dev.ingestion.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * For test classes that run CLI commands in the test JVM, as {@code Main} runs them: {@link #run} returns
 * the exit code and keeps what the command printed on stdout in {@link #out}.
 */
abstract class InProcessCli {
  /** What the last command printed on stdout. */
  String out;

  int run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      return Main.run(args);
    } finally {
      System.setOut(old);
      out = buffer.toString(StandardCharsets.UTF_8);
    }
  }
}
