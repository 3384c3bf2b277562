package dev.ingestion.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The class path of the commands the tests start: this test JVM's, with each folder on it (this module's
 * classes and test classes) packed into a jar of its own. The JVM writes no class-data archive for a class
 * path holding folders, so without this every command and every parser child it started loaded all its
 * classes from the jars again; with it they share archives as in an installation. The jars are written
 * once per test JVM, under {@code target/process-classpath/<pid>}, and never change while it runs.
 */
final class ProcessClassPath {
  private static final Path FOLDER = Path.of("target", "process-classpath", String.valueOf(ProcessHandle.current().pid()))
      .toAbsolutePath();
  private static final String CLASS_PATH = build(System.getProperty("java.class.path"));

  private ProcessClassPath() {}

  /** The class path to start a command with. */
  static String get() {
    return CLASS_PATH;
  }

  /** The start-up cache folder of the started commands (their class-data archives): beside the jars. */
  static Path cache() {
    return FOLDER;
  }

  private static String build(String classPath) {
    try {
      removeLeftovers(FOLDER.getParent());
      Files.createDirectories(FOLDER);
      List<String> entries = new ArrayList<>();
      int n = 0;
      for (String entry : classPath.split(File.pathSeparator)) {
        Path p = Path.of(entry);
        entries.add(!entry.isEmpty() && Files.isDirectory(p) ? pack(p, FOLDER.resolve("folder-" + n++ + ".jar")) : entry);
      }
      return String.join(File.pathSeparator, entries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot pack the test class path's folders into jars in " + FOLDER, e);
    }
  }

  /** The folders of test JVMs that have ended (earlier runs): their jars and archives are not used again. */
  private static void removeLeftovers(Path parent) throws IOException {
    if (!Files.isDirectory(parent)) {
      return;
    }
    try (Stream<Path> folders = Files.list(parent)) {
      for (Path f : (Iterable<Path>) folders::iterator) {
        String name = f.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && ProcessHandle.of(Long.parseLong(name)).isEmpty()) {
          try (Stream<Path> tree = Files.walk(f)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
              Files.deleteIfExists(p);
            }
          }
        }
      }
    }
  }

  private static String pack(Path folder, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
        Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = folder.relativize(f).toString().replace(File.separatorChar, '/');
        if (name.isEmpty()) {
          continue;
        }
        boolean dir = Files.isDirectory(f);
        JarEntry e = new JarEntry(dir ? name + "/" : name);
        e.setLastModifiedTime(FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis()));
        zip.putNextEntry(e);
        if (!dir) {
          Files.copy(f, zip);
        }
        zip.closeEntry();
      }
    }
    return jar.toString();
  }
}
