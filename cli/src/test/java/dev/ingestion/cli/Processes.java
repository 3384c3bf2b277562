package dev.ingestion.cli;

import java.util.TreeMap;
import java.util.Map;
import static org.awaitility.Awaitility.await;

import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Waiting on CLI processes and their database from a test. */
final class Processes {
  private Processes() {}

  /** Documents that reached a final state (completed or dead-lettered); 0 before the schema exists. */
  static long finished(Path db) {
    if (!Files.exists(db)) {
      return 0;
    }
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      return d.withConnection(c -> d.sql(c).queryLong(
          "SELECT count(*) FROM documents WHERE status IN ('completed', 'dead_letter')"));
    } catch (RuntimeException e) {
      return 0; // the schema may not exist yet while the child migrates
    }
  }

  /** The single number {@code sql} selects from {@code d} (a count, a sum). */
  static long count(Database d, String sql) {
    return d.withConnection(c -> d.sql(c).queryLong(sql));
  }

  /** Waits until at least {@code atLeast} documents are finished, while {@code p} runs. */
  static long awaitFinished(Path db, long atLeast, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && p.isAlive()) {
      long done = finished(db);
      if (done >= atLeast) {
        return done;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the run never reached " + atLeast + " finished documents");
  }

  /** Every one of {@code processes} exits within a minute (orphaned parser children follow their worker). */
  static void awaitGone(List<ProcessHandle> processes) {
    await().atMost(Duration.ofSeconds(60)).until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
  }

  /** Chunk id (document-version-ordinal) to text of {@code current_chunks}: what a synced target must hold. */
  static Map<String, String> currentChunks(Database d) {
    return d.withConnection(c -> {
      Map<String, String> out = new TreeMap<>();
      for (String[] row : d.sql(c).query("""
          SELECT c.document_id || '-' || v.version_no || '-' || c.ordinal, c.text
            FROM current_chunks c JOIN document_versions v ON v.id = c.version_id""",
          rs -> new String[] {rs.getString(1), rs.getString(2)})) {
        out.put(row[0], row[1]);
      }
      return out;
    });
  }
}
