package dev.ingestion.store;

import java.util.TreeMap;
import java.util.Map;
import java.nio.file.Path;
import java.time.Clock;

/** Real SQLite files for tests. */
public final class TestDatabases {
  private TestDatabases() {}

  public static Database sqlite(Path dir, Clock clock) {
    return Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("test.db")), clock);
  }

  /** A fresh database on the shared embedded PostgreSQL server. */
  public static Database postgres(Clock clock) {
    DatabaseConfig base = DatabaseConfig.sqlite(dev.ingestion.testkit.EmbeddedPostgres.newDatabase());
    return Database.open(new DatabaseConfig(base.url(), "postgres", null, 1, 10, base.connectionTimeout(),
        base.idleTimeout(), base.busyTimeout()), clock);
  }

  /** The single number {@code sql} selects (a count, a sum); for assertions on what a run left behind. */
  public static long count(Database db, String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
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

  /** Chunk id (document-version-ordinal) to text of {@code current_chunks}: what a synced target must hold. */
  public static Map<String, String> currentChunks(Database db) {
    return db.withConnection(c -> {
      Map<String, String> out = new TreeMap<>();
      for (String[] row : db.sql(c).query("""
          SELECT c.document_id || '-' || v.version_no || '-' || c.ordinal, c.text
            FROM current_chunks c JOIN document_versions v ON v.id = c.version_id""",
          rs -> new String[] {rs.getString(1), rs.getString(2)})) {
        out.put(row[0], row[1]);
      }
      return out;
    });
  }
}
