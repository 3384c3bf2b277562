package dev.ingestion.store;

import java.time.Instant;
import java.util.Optional;

/** Sync history per source, for listing sources and scheduling their syncs. */
public final class SourceStatusRepository {
  private final Database db;

  public SourceStatusRepository(Database db) {
    this.db = db;
  }

  /** One listing of a source. */
  public record SyncRun(long id, String trigger, String status, Instant startedAt, Instant finishedAt, long discovered,
      long added, long changed, long unchanged, long deleted, long skipped, String error) {}

  /** The newest sync run of the source called {@code name}. */
  public Optional<SyncRun> lastRun(String name) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("""
          SELECT r.id, r.trigger_kind, r.status, r.started_at, r.finished_at, r.discovered, r.new_count, r.changed_count,
                 r.unchanged_count, r.deleted_count, r.skipped_count, r.error
            FROM sync_runs r JOIN sources s ON s.id = r.source_id
           WHERE s.name = ? ORDER BY r.started_at DESC, r.id DESC LIMIT 1""",
          rs -> new SyncRun(rs.getLong(1), rs.getString(2), rs.getString(3), sql.instant(rs, "started_at"),
              sql.instant(rs, "finished_at"), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
              rs.getLong(10), rs.getLong(11), rs.getString(12)),
          name);
    });
  }
}
