package dev.ingestion.store;

/**
 * Keeps SQLite's keyword index ({@code chunks_fts}) up to date outside the hot path: chunks are appended
 * in id order, in batches, each batch in its own short write transaction, before a search reads the
 * index. PostgreSQL maintains its GIN index itself, so there this does nothing.
 */
public final class SearchIndex {
  static final int BATCH = 2_000;

  private final Database db;

  public SearchIndex(Database db) {
    this.db = db;
  }

  /** Indexes every chunk written since the last call; returns how many. */
  public long catchUp() {
    if (!db.dialect().keywordIndexAppended()) {
      return 0;
    }
    if (upToDate()) {
      return 0;
    }
    long total = 0;
    int added;
    do {
      added = db.inTransaction(c -> appendBatch(db.sql(c)));
      total += added;
    } while (added == BATCH);
    return total;
  }

  /** Read-only: a search while nothing new was written takes no write lock (and waits for no writer). */
  private boolean upToDate() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT CASE WHEN coalesce((SELECT max(id) FROM chunks), 0)"
        + " <= (SELECT indexed_chunk_id FROM fts_progress WHERE id = 1) THEN 1 ELSE 0 END") == 1);
  }

  private static int appendBatch(Sql sql) throws java.sql.SQLException {
    long from = sql.queryLong("SELECT indexed_chunk_id FROM fts_progress WHERE id = 1");
    long to = sql.queryLong("SELECT coalesce(max(id), 0) FROM (SELECT id FROM chunks WHERE id > ? ORDER BY id LIMIT ?)",
        from, BATCH);
    if (to <= from) {
      return 0;
    }
    int added = sql.update("INSERT INTO chunks_fts (rowid, text) SELECT id, text FROM chunks WHERE id > ? AND id <= ?",
        from, to);
    sql.update("UPDATE fts_progress SET indexed_chunk_id = ? WHERE id = 1", to);
    return added;
  }
}
