package dev.ingestion.store;

import dev.ingestion.model.DocumentStatus;
import dev.ingestion.source.SourceItem;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a source listing found: new documents and changed ones get a queued job in the same
 * transaction as their row, so a crash between discovery and processing loses nothing.
 */
public final class SyncRepository {
  private final Database db;

  public SyncRepository(Database db) {
    this.db = db;
  }

  /** A document the store already knows, as discovery needs it. */
  public record KnownDocument(long id, DocumentStatus status, String changeMarker, String processedMarker) {}

  /** What discovery decided for one listed item. */
  public sealed interface Change {
    SourceItem item();
  }

  public record NewDocument(SourceItem item) implements Change {}

  /** Content may have changed (or the document came back): queue it. */
  public record ChangedDocument(long documentId, SourceItem item, String reason) implements Change {}

  /** Already queued or running: just remember the newest marker. */
  public record MarkerUpdate(long documentId, SourceItem item) implements Change {}

  public record RunCounts(long discovered, long added, long changed, long unchanged, long deleted, long skipped) {}

  public Map<String, KnownDocument> known(long sourceId) {
    return db.withConnection(c -> {
      Map<String, KnownDocument> known = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, external_id, status, change_marker, processed_marker FROM documents WHERE source_id = ?")) {
        ps.setLong(1, sourceId);
        ps.setFetchSize(5_000);
        try (var rs = ps.executeQuery()) {
          while (rs.next()) {
            known.put(rs.getString(2), new KnownDocument(rs.getLong(1), DocumentStatus.fromDb(rs.getString(3)), rs.getString(4),
                rs.getString(5)));
          }
        }
      }
      return known;
    });
  }

  public void apply(long sourceId, List<Change> changes, int maxAttempts) {
    if (changes.isEmpty()) {
      return;
    }
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      for (Change change : changes) {
        switch (change) {
          case NewDocument n -> Lifecycle.discover(sql, sourceId, n.item(), maxAttempts, now);
          case ChangedDocument ch -> Lifecycle.restore(sql, ch.documentId(), ch.item(), ch.reason(), maxAttempts, now);
          case MarkerUpdate m -> sql.update(
              "UPDATE documents SET change_marker = ?, size_bytes = ?, source_modified_at = ? WHERE id = ?",
              m.item().changeMarker(), m.item().sizeBytes(), m.item().modifiedAt(), m.documentId());
        }
      }
      return null;
    });
  }

  /**
   * Marks documents gone from their source as deleted, in batches: cancels their queued work and closes
   * their open dead-letter items. Their chunks leave the current view, and the change feed says so in the
   * same transaction.
   */
  public void markDeleted(Collection<Long> documentIds) {
    List<Long> ids = List.copyOf(documentIds);
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> batch = ids.subList(from, Math.min(ids.size(), from + 500));
      db.inTransaction(c -> {
        Sql sql = db.sql(c);
        Instant now = db.now();
        for (long id : batch) {
          Lifecycle.markDeleted(sql, id, now);
          sql.update("UPDATE dead_letters SET status = 'discarded', resolution_notes = ?, resolved_at = ?, updated_at = ?"
              + " WHERE document_id = ? AND status IN ('pending', 'in_review', 'retrying')",
              "document was deleted from its source", now, now, id);
        }
        return null;
      });
    }
  }

  /**
   * Records what a listing skipped and why. After a complete full listing ({@code replace}) the
   * source's earlier rows are dropped first, so an item that is no longer skipped stops being counted.
   */
  public void recordSkipped(long sourceId, Map<String, String> reasons, boolean replace) {
    if (reasons.isEmpty() && !replace) {
      return;
    }
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      if (replace) {
        sql.update("DELETE FROM skipped_items WHERE source_id = ?", sourceId);
      }
      Instant now = db.now();
      for (Map.Entry<String, String> e : reasons.entrySet()) {
        sql.update("DELETE FROM skipped_items WHERE source_id = ? AND external_id = ?", sourceId, e.getKey());
        sql.update("INSERT INTO skipped_items (source_id, external_id, reason, seen_at) VALUES (?, ?, ?, ?)",
            sourceId, e.getKey(), e.getValue(), now);
      }
      return null;
    });
  }

  public long startRun(long sourceId, String trigger) {
    return db.withConnection(c -> db.sql(c).insert(
        "INSERT INTO sync_runs (source_id, trigger_kind, status, started_at) VALUES (?, ?, 'running', ?)",
        sourceId, trigger, db.now()));
  }

  public void finishRun(long runId, RunCounts counts, String error) {
    db.withConnection(c -> db.sql(c).update("""
        UPDATE sync_runs SET status = ?, finished_at = ?, discovered = ?, new_count = ?, changed_count = ?,
               unchanged_count = ?, deleted_count = ?, skipped_count = ?, error = ?
         WHERE id = ?""",
        error == null ? "completed" : "failed", db.now(), counts.discovered(), counts.added(), counts.changed(),
        counts.unchanged(), counts.deleted(), counts.skipped(), error, runId));
  }
}
