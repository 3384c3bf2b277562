package dev.ingestion.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the build made (the tarball, the image) and a way to run installed commands as an operator would. */
final class Installed {
  private Installed() {}

  static Path tarball() {
    return Path.of(System.getProperty("dist.tarball", "target/missing.tar.gz"));
  }

  static Path image() {
    return Path.of(System.getProperty("dist.image", "target/missing-image.tar"));
  }

  static boolean imageSkipped() {
    return Boolean.parseBoolean(System.getProperty("dist.image.skip", "false"));
  }

  /**
   * A Java runtime without javac: the one jlink made for the image, or (with -Dimage.skip=true) the runtime
   * running this test.
   */
  static Path javaRuntime() {
    Path jlinked = Path.of(System.getProperty("dist.image.root", "target/image-root"), "opt", "java");
    return Files.isExecutable(jlinked.resolve("bin/java")) ? jlinked : Path.of(System.getProperty("java.home"));
  }

  /** The output and exit code of a finished command. */
  record Result(int exit, String stdout, String stderr) {
    String all() {
      return stdout + stderr;
    }
  }

  /**
   * Runs a command in {@code dir} with exactly {@code env} as its environment (nothing inherited: no JAVA_HOME,
   * no Maven, a PATH the caller chose). Waits up to five minutes, a bound for a hung process, not a measure.
   */
  static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
    Process p = start(dir, env, List.of(command));
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("still running after 5 minutes: " + String.join(" ", command));
    }
    return new Result(p.exitValue(), Files.readString(dir.resolve("stdout.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  /** Starts a command as {@link #run} does, its output going to stdout.txt and stderr.txt in {@code dir}. */
  static Process start(Path dir, Map<String, String> env, List<String> command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }
}
