package dev.ingestion.security;

import dev.ingestion.model.ConfigException;
import dev.ingestion.model.StateConflictException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start: with no users at all, creates the user {@code admin} with an admin key and writes the key
 * to a file only its owner can read (0600), logging where the file is, never the key.
 */
public final class AdminBootstrap {
  private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
  public static final String USERNAME = "admin";

  private AdminBootstrap() {}

  /** Creates the first admin when there are no users; returns the key file written, if any. */
  public static Optional<Path> ensureAdmin(UserAdmin users, Path keyFile) {
    if (users.userCount() > 0) {
      return Optional.empty();
    }
    UserAdmin.NewUser admin;
    try {
      admin = users.create(USERNAME, Role.ADMIN, "first start");
    } catch (StateConflictException e) {
      return Optional.empty(); // another process created it first
    }
    write(keyFile, admin.key().key());
    LOG.warn("no API users existed: created user '{}' (admin); its API key is in {} (readable by its owner only)",
        USERNAME, keyFile.toAbsolutePath());
    SecurityEvents.SECURITY.warn("first start: created admin user '{}', key {} written to {}", USERNAME,
        admin.key().info().prefix(), keyFile.toAbsolutePath());
    return Optional.of(keyFile);
  }

  static void write(Path file, String key) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.deleteIfExists(file);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING)) {
        w.write(key);
        w.write('\n');
      }
    } catch (IOException e) {
      throw new ConfigException("security.admin_key_file: cannot write " + file + ": " + e.getMessage());
    }
  }
}
