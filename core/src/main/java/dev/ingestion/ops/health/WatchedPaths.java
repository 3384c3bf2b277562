package dev.ingestion.ops.health;

import dev.ingestion.source.Source;
import dev.ingestion.source.fs.FileSystemSourceFactory;
import dev.ingestion.store.DatabaseConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The folders an installation depends on: data (SQLite), logs, temp, and each filesystem source. */
public final class WatchedPaths {
  private WatchedPaths() {}

  public static List<WatchedPath> of(DatabaseConfig database, Path logDir, Path tempDir, Collection<Source> sources) {
    List<WatchedPath> out = new ArrayList<>();
    if (database.isSqlite()) {
      Path parent = Path.of(database.sqlitePath()).toAbsolutePath().getParent();
      if (parent != null) {
        out.add(new WatchedPath("data", "data", parent, true));
      }
    }
    out.add(new WatchedPath("logs", "logs", logDir, true));
    out.add(new WatchedPath("temp", "temp", tempDir, true));
    for (Source s : sources) {
      if (FileSystemSourceFactory.TYPE.equals(s.type())) {
        out.add(new WatchedPath("source:" + s.name(), "source", Path.of(s.location()), false));
      }
    }
    return out;
  }
}
