package dev.ingestion.store;

import dev.ingestion.model.ChunkId;
import dev.ingestion.model.FeedCursor;
import dev.ingestion.model.StateConflictException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the chunk change feed: the rows of {@code chunk_changes} in commit order, each expanded into
 * deletes (ordinals of the version that left) then upserts (the chunks of the version that became
 * current, in ordinal order). A page holds at most {@code limit} changes and may stop inside a row.
 *
 * <p>A version deleted since its row was written (old versions are pruned) contributes no upserts: it
 * stopped being current before it was pruned, so a later row deletes its chunks and the replay converges.
 */
public final class ChangeFeedRepository {
  private static final int ROWS_PER_READ = 200;

  private final Database db;

  public ChangeFeedRepository(Database db) {
    this.db = db;
  }

  /** A page of changes, the cursor to pass next, and whether more changes are already waiting. */
  public record Page(List<FeedChange> changes, FeedCursor next, boolean hasMore, long headSeq) {}

  public Page read(FeedCursor since, int limit) {
    long head = horizon();
    if (since.seq() > head) {
      throw new StateConflictException("cursor " + since + " is ahead of the feed (last change " + head + "):"
          + " this database was restored or replaced; replay from since=0 and reconcile by chunk id");
    }
    return db.withConnection(c -> collect(db.sql(c), since, limit, head));
  }

  /** Totals for the feed's consumers: where the feed is and how embeddings were obtained. */
  public record Totals(long headSeq, long currentChunks, long currentWithEmbedding, long embeddingsComputed,
      long embeddingsReused) {}

  public Totals totals() {
    long head = horizon();
    return db.withConnection(c -> db.sql(c).queryOne("""
        SELECT (SELECT count(*) FROM current_chunks),
               (SELECT count(*) FROM current_chunks WHERE embedding IS NOT NULL),
               (SELECT coalesce(sum(embeddings_computed), 0) FROM document_versions),
               (SELECT coalesce(sum(embeddings_reused), 0) FROM document_versions)""",
        rs -> new Totals(head, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4))).orElseThrow());
  }

  /**
   * Identifies feed row {@code seq} in this database's history (its document, version and time), empty
   * when the feed has no such row. A database restored from an older backup numbers new rows again from
   * where the backup stopped: a row found under a remembered number with another stamp is a different row.
   */
  public Optional<String> stamp(long seq) {
    if (seq == 0) {
      return Optional.of("start");
    }
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("SELECT document_id, version_id, created_at FROM chunk_changes WHERE seq = ?",
          rs -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + sql.instant(rs, "created_at").toEpochMilli(), seq);
    });
  }

  /** The highest seq whose row is final (every lower row committed or never will be). */
  public long horizon() {
    String lock = db.dialect().feedHorizonLockSql();
    if (lock != null) {
      return db.inTransaction(c -> {
        db.sql(c).query(lock, rs -> null);
        return db.sql(c).queryLong("SELECT coalesce(max(seq), 0) FROM chunk_changes");
      });
    }
    return db.withConnection(c -> db.sql(c).queryLong("SELECT coalesce(max(seq), 0) FROM chunk_changes"));
  }

  private Page collect(Sql sql, FeedCursor since, int limit, long head) throws SQLException {
    List<FeedChange> out = new ArrayList<>();
    FeedCursor at = since;
    long from = since.insideRow() ? since.seq() : since.seq() + 1;
    while (out.size() < limit) {
      List<FeedRow> rows = FeedRow.read(sql, from, head, ROWS_PER_READ);
      for (FeedRow row : rows) {
        int skip = row.seq() == since.seq() ? since.offset() : 0;
        int taken = expand(sql, row, skip, limit - out.size(), out);
        if (skip + taken < row.size()) {
          return new Page(out, new FeedCursor(row.seq(), skip + taken), true, head);
        }
        at = new FeedCursor(row.seq(), 0);
        if (out.size() >= limit) {
          return new Page(out, at, row.seq() < head, head);
        }
      }
      if (rows.size() < ROWS_PER_READ) {
        return new Page(out, at, false, head);
      }
      from = rows.get(rows.size() - 1).seq() + 1;
    }
    return new Page(out, at, at.seq() < head, head);
  }

  /** Adds up to {@code max} changes of {@code row}, skipping its first {@code skip}; returns how many. */
  private static int expand(Sql sql, FeedRow row, int skip, int max, List<FeedChange> out) throws SQLException {
    int added = 0;
    String deleteReason = row.versionId() == null ? "deleted" : "superseded";
    for (int i = skip; i < row.removedChunks() && added < max; i++, added++) {
      ChunkId id = new ChunkId(row.documentId(), row.removedVersionNo(), i);
      out.add(new FeedChange.Delete(id.toString(), row.documentId(), row.removedVersionNo(), i, deleteReason));
    }
    int firstUpsert = Math.max(0, skip - row.removedChunks());
    if (added < max && row.upserts() > firstUpsert) {
      List<FeedChange.Upsert> upserts = FeedRow.upserts(sql, row, firstUpsert, max - added);
      out.addAll(upserts);
      added += upserts.size();
    }
    return added;
  }
}
