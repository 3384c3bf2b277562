package dev.ingestion.temp;

import dev.ingestion.model.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every temporary file and folder the system makes: named {@code ingestion_<pid>_<what>_...} in the
 * configured temp dir ({@code pipeline.temp_dir}), so the runbook's {@code find -name "ingestion_*"}
 * finds them, and so a start-up sweep can tell leftovers of a process that died (its pid is gone) from
 * files a running process still uses. Callers delete what they create on every path; {@link #sweep}
 * removes what a crash left behind.
 */
public final class TempFiles {
  public static final String PREFIX = "ingestion_";
  private static final Logger LOG = LoggerFactory.getLogger(TempFiles.class);
  private static final Pattern OWNER = Pattern.compile("^" + PREFIX + "(\\d+)_.*");
  private static final long PID = ProcessHandle.current().pid();
  private static volatile Path dir = Path.of(System.getProperty("java.io.tmpdir"));

  private TempFiles() {}

  /** Sets the folder temporary files go to (created if missing). */
  public static void configure(Path tempDir) {
    try {
      Files.createDirectories(tempDir);
    } catch (IOException e) {
      throw new ConfigException("pipeline.temp_dir: cannot create " + tempDir + ": " + e.getMessage());
    }
    dir = tempDir;
  }

  public static Path dir() {
    return dir;
  }

  /** A new empty file {@code ingestion_<pid>_<what>_<random><suffix>} in the configured temp dir. */
  public static Path createFile(String what, String suffix) throws IOException {
    return createFile(dir, what, suffix);
  }

  /** A new empty file {@code ingestion_<pid>_<what>_<random><suffix>} in {@code tempDir}. */
  public static Path createFile(Path tempDir, String what, String suffix) throws IOException {
    return Files.createTempFile(tempDir, prefix(what), suffix);
  }

  /** A new empty folder {@code ingestion_<pid>_<what>_<random>} in {@code tempDir}. */
  public static Path createDirectory(Path tempDir, String what) throws IOException {
    Files.createDirectories(tempDir);
    return Files.createTempDirectory(tempDir, prefix(what));
  }

  private static String prefix(String what) {
    return PREFIX + PID + "_" + what.replaceAll("[^A-Za-z0-9.-]", "-") + "_";
  }

  /** Deletes a file or a folder with its contents; logs (never throws) what it cannot delete. */
  public static void delete(Path path) {
    if (path == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (java.nio.file.NoSuchFileException e) {
      // already gone
    } catch (IOException | java.io.UncheckedIOException e) {
      LOG.warn("cannot delete temporary {}: {}", path, e.getMessage());
    }
  }

  /** What a sweep removed. */
  public record Sweep(Path dir, int removed, List<String> names) {}

  /**
   * Removes {@code ingestion_*} entries of {@code tempDir} left by processes that are gone, and any
   * older than {@code staleAfter} (by modification time) whose owner cannot be told.
   */
  public static Sweep sweep(Path tempDir, Duration staleAfter, Instant now) {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(tempDir)) {
      return new Sweep(tempDir, 0, removed);
    }
    try (Stream<Path> entries = Files.list(tempDir)) {
      for (Path p : entries.filter(TempFiles::ours).toList()) {
        if (stale(p, staleAfter, now)) {
          delete(p);
          removed.add(p.getFileName().toString());
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot sweep {}: {}", tempDir, e.getMessage());
    }
    if (!removed.isEmpty()) {
      LOG.info("removed {} stale temporary file(s) from {}", removed.size(), tempDir);
    }
    return new Sweep(tempDir, removed.size(), removed);
  }

  private static boolean ours(Path p) {
    return p.getFileName().toString().startsWith(PREFIX);
  }

  /**
   * An entry with an owner pid is stale when that process is gone, or when the pid now belongs to a
   * process started after the entry was last touched (pid reuse); a live owner's files are never
   * taken. An entry without an owner is stale when older than {@code staleAfter}.
   */
  private static boolean stale(Path p, Duration staleAfter, Instant now) {
    Instant modified;
    try {
      modified = Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return false;
    }
    Matcher m = OWNER.matcher(p.getFileName().toString());
    if (!m.matches()) {
      return modified.isBefore(now.minus(staleAfter));
    }
    long owner = Long.parseLong(m.group(1));
    if (owner == PID) {
      return false;
    }
    var live = ProcessHandle.of(owner).filter(ProcessHandle::isAlive);
    return live.isEmpty() || live.get().info().startInstant().map(started -> started.isAfter(modified)).orElse(false);
  }
}
