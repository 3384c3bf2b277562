package dev.ingestion.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads over finished attempts: timings, errors by category, the last sign of progress. */
public final class AttemptQueries {
  private final Database db;

  public AttemptQueries(Database db) {
    this.db = db;
  }

  /**
   * Total and per-stage milliseconds of one attempt; a stage the attempt skipped is null. {@code outcome}
   * is {@code completed}, {@code failed} or {@code timed_out} (a parse past its time limit).
   */
  public record Timing(long totalMs, Long fetchMs, Long parseMs, Long chunkMs, Long storeMs, String outcome) {}

  /** One attempt of a document. */
  public record AttemptRow(long id, long jobId, int attemptNo, String workerId, Instant startedAt, Instant finishedAt,
      long durationMs, String outcome, String stage, String category, String message, Long bytes, Long fetchMs,
      Long parseMs, Long chunkMs, Long storeMs) {}

  /** A failure category over a window, with when it last happened. */
  public record CategoryCount(String category, long count, Instant lastSeen) {}

  /** An example failure, for operators to recognise a category. */
  public record ErrorExample(long documentId, String source, String externalId, String stage, String message,
      Instant at) {}

  /** The newest completed attempts since {@code from}, at most {@code limit}. */
  public List<Timing> completedTimings(Instant from, int limit) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT duration_ms, fetch_ms, parse_ms, chunk_ms, store_ms FROM attempts
         WHERE outcome = 'completed' AND finished_at >= ? ORDER BY finished_at DESC LIMIT ?""",
        rs -> new Timing(rs.getLong(1), Sql.longOrNull(rs, "fetch_ms"), Sql.longOrNull(rs, "parse_ms"),
            Sql.longOrNull(rs, "chunk_ms"), Sql.longOrNull(rs, "store_ms"), "completed"), from, limit));
  }

  /**
   * The newest attempts that processed the document since {@code from}, at most {@code limit}: completed
   * ones and failed ones (retried or dead-lettered, those past the parse time limit flagged timed_out).
   * Unchanged documents (hashed, not parsed) and abandoned attempts are left out.
   */
  public List<Timing> processingTimings(Instant from, int limit) {
    return db.withConnection(c -> db.sql(c).query("""
        SELECT duration_ms, fetch_ms, parse_ms, chunk_ms, store_ms, outcome, category FROM attempts
         WHERE outcome IN ('completed', 'retry_scheduled', 'dead_letter') AND finished_at >= ?
         ORDER BY finished_at DESC LIMIT ?""",
        rs -> new Timing(rs.getLong(1), Sql.longOrNull(rs, "fetch_ms"), Sql.longOrNull(rs, "parse_ms"),
            Sql.longOrNull(rs, "chunk_ms"), Sql.longOrNull(rs, "store_ms"), outcome(rs.getString(6), rs.getString(7))),
        from, limit));
  }

  private static String outcome(String outcome, String category) {
    if (outcome.equals("completed")) {
      return "completed";
    }
    return "parse_timeout".equals(category) ? "timed_out" : "failed";
  }

  public List<CategoryCount> errorCategories(Instant from) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<CategoryCount> out = new ArrayList<>(sql.query("""
          SELECT category, count(*) AS n, max(finished_at) AS last_seen FROM attempts
           WHERE category IS NOT NULL AND finished_at >= ? GROUP BY category""",
          rs -> new CategoryCount(rs.getString("category"), rs.getLong("n"), sql.instant(rs, "last_seen")), from));
      out.sort((a, b) -> Long.compare(b.count(), a.count()));
      return out;
    });
  }

  public List<ErrorExample> examples(String category, Instant from, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT a.document_id, s.name, d.external_id, a.stage, a.message, a.finished_at FROM attempts a
            JOIN documents d ON d.id = a.document_id JOIN sources s ON s.id = d.source_id
           WHERE a.category = ? AND a.finished_at >= ? ORDER BY a.finished_at DESC LIMIT ?""",
          rs -> new ErrorExample(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              sql.instant(rs, "finished_at")), category, from, limit);
    });
  }

  /** When the newest attempt finished, if any ever did. */
  public Optional<Instant> lastFinished() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("SELECT max(finished_at) AS last FROM attempts", rs -> sql.instant(rs, "last"));
    }).filter(i -> i != null);
  }

  public List<AttemptRow> forDocument(long documentId, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, job_id, attempt_no, worker_id, started_at, finished_at, duration_ms, outcome, stage, category,
                 message, bytes, fetch_ms, parse_ms, chunk_ms, store_ms
            FROM attempts WHERE document_id = ? ORDER BY id DESC LIMIT ?""",
          rs -> new AttemptRow(rs.getLong("id"), rs.getLong("job_id"), rs.getInt("attempt_no"), rs.getString("worker_id"),
              sql.instant(rs, "started_at"), sql.instant(rs, "finished_at"), rs.getLong("duration_ms"),
              rs.getString("outcome"), rs.getString("stage"), rs.getString("category"), rs.getString("message"),
              Sql.longOrNull(rs, "bytes"), Sql.longOrNull(rs, "fetch_ms"), Sql.longOrNull(rs, "parse_ms"),
              Sql.longOrNull(rs, "chunk_ms"), Sql.longOrNull(rs, "store_ms")),
          documentId, limit);
    });
  }
}
