package dev.ingestion.store;

import java.nio.file.Path;
import java.time.Clock;

/** Real SQLite files for tests. */
public final class TestDatabases {
  private TestDatabases() {}

  public static Database sqlite(Path dir, Clock clock) {
    return Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("test.db")), clock);
  }

  /** Inserts a source and {@code n} pending documents with queued jobs; returns the source id. */
  public static long seed(Database db, int n, int maxAttempts) {
    long sourceId = new SourceRepository(db).ensure("test", "filesystem", "/tmp/none");
    java.util.List<SyncRepository.Change> changes = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(new SyncRepository.NewDocument(
          new dev.ingestion.source.SourceItem("doc-" + i + ".txt", "m" + i, 10, db.now())));
    }
    new SyncRepository(db).apply(sourceId, changes, maxAttempts);
    return sourceId;
  }
}
