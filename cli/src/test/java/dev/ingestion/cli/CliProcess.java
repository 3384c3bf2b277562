package dev.ingestion.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real CLI in a child JVM, as an operator would, with the test's classpath ({@link ProcessClassPath}). */
final class CliProcess {
  private static final Pattern LISTENING = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");
  /** The JVM options of a started command unless a test gives its own. */
  private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx512m");
  /**
   * Given to every started command before the test's own options: C1, the serial collector, and class-data
   * archives for the command and for its parser children in one start-up cache folder, as the launcher
   * gives them. With the JVM's defaults the suite's commands spent much of their CPU compiling code they ran
   * for seconds and loading the same classes again.
   */
  private static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-XX:SharedArchiveFile=" + ProcessClassPath.cache().resolve("cli.jsa"), "-XX:+AutoCreateSharedArchive",
      "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Dingestion.cache=" + ProcessClassPath.cache());

  private CliProcess() {}

  static Process start(Path workDir, String... args) throws IOException {
    return start(workDir, DEFAULT_JVM_OPTIONS, args);
  }

  /** Logging as shipped (the distribution's logback.xml: application, error, access, auth, security logs). */
  static Process startWithShippedLogging(Path workDir, String... args) throws IOException {
    Path shipped = Path.of("target", "classes", "logback.xml").toAbsolutePath();
    return start(workDir, List.of("-Xmx512m", "-Dlogback.configurationFile=" + shipped), args);
  }

  /**
   * As {@link #start(Path, String...)}, with Ctrl-C (SIGINT) answered as a terminal's user expects even
   * when this test JVM was started with SIGINT ignored (a background job of a shell without job control
   * passes that on, and a JVM does not handle a signal it inherited as ignored): then the command runs
   * under {@code env --default-signal=INT}.
   */
  static Process startInterruptible(Path workDir, String... args) throws IOException {
    return start(workDir, sigintIgnored() ? List.of("env", "--default-signal=INT") : List.of(), DEFAULT_JVM_OPTIONS,
        args);
  }

  private static boolean sigintIgnored() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
          .anyMatch(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) & 0x2) != 0);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** With these JVM options (heap size, GC log, system properties) instead of the default -Xmx512m. */
  static Process start(Path workDir, List<String> jvmOptions, String... args) throws IOException {
    return start(workDir, List.of(), jvmOptions, args);
  }

  private static Process start(Path workDir, List<String> prefix, List<String> jvmOptions, String... args)
      throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(QUICK_JVM_OPTIONS);
    cmd.addAll(jvmOptions);
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(ProcessClassPath.get());
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectOutput(workDir.resolve("stdout.txt").toFile())
        .redirectError(workDir.resolve("stderr.txt").toFile())
        .start();
  }

  /** The port a started {@code serve}/{@code api} process announced on its stderr (captured to {@code stderr}). */
  static int awaitPort(Path stderr, Duration within) {
    int[] port = new int[1];
    await().atMost(within).until(() -> {
      if (!Files.exists(stderr)) {
        return false;
      }
      Matcher m = LISTENING.matcher(Files.readString(stderr));
      if (m.find()) {
        port[0] = Integer.parseInt(m.group(1));
        return true;
      }
      return false;
    });
    return port[0];
  }
}
