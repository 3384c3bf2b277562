package dev.ingestion.parse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class-data archive the parser children share: the first child to exit writes the classes it loaded
 * into it ({@code -XX:+AutoCreateSharedArchive}), later children map it and start in about half the CPU.
 *
 * <p>The JVM refuses an archive whose jars changed since it was written ("shared class paths mismatch")
 * and, for that reason, does not write a new one: an archive keyed only on the class path's text stayed
 * stale after every upgrade in place, and every child started without it. So the name covers each class
 * path entry's size and modification time as well: other jars, another name.
 *
 * <p>It lives in the start-up cache folder the launcher names ({@value #CACHE_PROPERTY}), beside the main
 * JVM's own archive. There the name is {@code parser-<java>-<installation>-<jars>.jsa}, and archives of the
 * same installation (JDK and class path) written for earlier jars are deleted; another installation
 * sharing the folder has another middle part and is left alone. Without a cache folder (the library used
 * on its own, tests) it lives in the parser's temporary folder, where nothing is deleted.
 */
final class ChildClassArchive {
  /** The system property the launcher sets to its start-up cache folder. */
  static final String CACHE_PROPERTY = "ingestion.cache";

  private static final Logger LOG = LoggerFactory.getLogger(ChildClassArchive.class);

  private ChildClassArchive() {}

  /** The archive for this JVM and class path: in the launcher's cache folder if it names a writable one. */
  static Path locate(Path tempDir) {
    return locate(tempDir, System.getProperty(CACHE_PROPERTY, ""), Runtime.version(), System.getProperty("java.home"),
        System.getProperty("java.class.path", ""));
  }

  static Path locate(Path tempDir, String cache, Runtime.Version java, String javaHome, String classPath) {
    String installation = installation(java.toString(), javaHome, classPath);
    String jars = jars(classPath);
    if (!cache.isBlank()) {
      Path folder = Path.of(cache);
      if (Files.isDirectory(folder) && Files.isWritable(folder)) {
        String prefix = "parser-" + java.feature() + "-" + installation + "-";
        Path archive = folder.resolve(prefix + jars + ".jsa");
        deleteOthers(folder, prefix, archive);
        return archive;
      }
    }
    return tempDir.resolve("ingestion_parser_" + java.feature() + "_" + installation + jars + ".jsa");
  }

  /** 8 hex digits of a SHA-256 over the JDK, its home and the class path as written. */
  static String installation(String javaVersion, String javaHome, String classPath) {
    return hash(javaVersion + "|" + javaHome + "|" + classPath);
  }

  /**
   * 8 hex digits of a SHA-256 over each class path entry's size and modification time (an entry that
   * cannot be read counts as absent): what the JVM checks before it maps an archive.
   */
  static String jars(String classPath) {
    StringBuilder text = new StringBuilder();
    for (String entry : classPath.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      text.append(entry);
      try {
        BasicFileAttributes a = Files.readAttributes(Path.of(entry), BasicFileAttributes.class);
        text.append(' ').append(a.size()).append(' ').append(a.lastModifiedTime().toMillis());
      } catch (IOException | RuntimeException e) {
        text.append(" -");
      }
      text.append('\n');
    }
    return hash(text.toString());
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Archives written for earlier jars: a child maps only the current one, so the others are dead weight. */
  private static void deleteOthers(Path folder, String prefix, Path keep) {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, prefix + "*.jsa")) {
      for (Path p : old) {
        if (!p.getFileName().equals(keep.getFileName())) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("cannot tidy the parser class-data archives in {}: {}", folder, e.toString());
    }
  }
}
