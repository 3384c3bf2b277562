package dev.ingestion.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only summaries for {@code ingestion status}: documents by status, the queue, the DLQ, last runs. */
public final class StatusRepository {
  private final Database db;

  public StatusRepository(Database db) {
    this.db = db;
  }

  public record LastRun(String source, String status, Instant startedAt, Instant finishedAt, long discovered,
      long added, long changed, long unchanged, long deleted, long skipped, String error) {}

  public record Summary(Map<String, Long> documentsByStatus, long queued, long leased, long openDeadLetters,
      long versions, long currentChunks, Optional<LastRun> lastRun) {}

  public record DeadLetterLine(long id, String sourceRef, String stage, String category, String message, int attempts,
      Instant lastFailureAt, String status, String priority) {}

  /** Open dead-letter items, newest failure first. */
  public List<DeadLetterLine> openDeadLetters(int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, source_ref, stage, category, message, attempts, last_failure_at, status, priority
            FROM dead_letters WHERE status IN ('pending', 'in_review', 'retrying')
           ORDER BY last_failure_at DESC, id DESC LIMIT ?""",
          rs -> new DeadLetterLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getInt(6), sql.instant(rs, "last_failure_at"), rs.getString(8), rs.getString(9)), limit);
    });
  }

  public Summary summary() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      Map<String, Long> byStatus = new LinkedHashMap<>();
      for (String s : List.of("pending", "processing", "completed", "failed", "dead_letter", "deleted")) {
        byStatus.put(s, 0L);
      }
      sql.query("SELECT status, count(*) FROM documents GROUP BY status", rs -> byStatus.put(rs.getString(1), rs.getLong(2)));
      long queued = sql.queryLong("SELECT count(*) FROM jobs WHERE status = 'queued'");
      long leased = sql.queryLong("SELECT count(*) FROM jobs WHERE status = 'leased'");
      long dlq = sql.queryLong("SELECT count(*) FROM dead_letters WHERE status IN ('pending', 'in_review', 'retrying')");
      long versions = sql.queryLong("SELECT count(*) FROM document_versions");
      long chunks = sql.queryLong("SELECT count(*) FROM current_chunks");
      Optional<LastRun> last = sql.queryOne("""
          SELECT s.name, r.status, r.started_at, r.finished_at, r.discovered, r.new_count, r.changed_count,
                 r.unchanged_count, r.deleted_count, r.skipped_count, r.error
            FROM sync_runs r JOIN sources s ON s.id = r.source_id
           ORDER BY r.id DESC LIMIT 1""",
          rs -> new LastRun(rs.getString(1), rs.getString(2), sql.instant(rs, "started_at"),
              sql.instant(rs, "finished_at"), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
              rs.getLong(9), rs.getLong(10), rs.getString(11)));
      return new Summary(byStatus, queued, leased, dlq, versions, chunks, last);
    });
  }
}
