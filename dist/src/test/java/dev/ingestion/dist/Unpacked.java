package dev.ingestion.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The tarball unpacked once into target/unpacked, for tests that only read what it holds. */
final class Unpacked {
  private static Path dir;

  private Unpacked() {}

  static synchronized Path get() throws IOException {
    if (dir == null) {
      Path target = Path.of("target", "unpacked").toAbsolutePath();
      try {
        Installed.run(Files.createDirectories(target.getParent()), Map.of("PATH", "/usr/bin:/bin"), "rm", "-rf",
            target.toString());
        Files.createDirectories(target);
        Installed.Result r = Installed.run(target, Map.of("PATH", "/usr/bin:/bin"), "tar", "xzf",
            Installed.tarball().toAbsolutePath().toString(), "--strip-components=1");
        if (r.exit() != 0) {
          throw new IOException("tar xzf " + Installed.tarball() + ": " + r.all());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      dir = target;
    }
    return dir;
  }
}
