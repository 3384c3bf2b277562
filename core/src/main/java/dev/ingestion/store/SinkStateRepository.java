package dev.ingestion.store;

import dev.ingestion.model.FeedCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Owns {@code sink_state} and {@code sink_rejections}: each sink's feed cursor and totals, and the chunks
 * its target refused. The cursor only moves in {@link #advance}, which a sink calls after its target
 * acknowledged the batch, so a crash repeats at most that batch.
 */
public final class SinkStateRepository {
  private static final int MAX_TEXT = 2_000;

  private final Database db;

  public SinkStateRepository(Database db) {
    this.db = db;
  }

  /** A sink's position and totals; a sink that never ran is at the start with zeros. */
  public record State(String name, FeedCursor cursor, long applied, long rejected, long resyncs, String lastResyncReason,
      Instant lastSuccessAt, String lastError, Instant lastErrorAt) {
    static State start(String name) {
      return new State(name, FeedCursor.START, 0, 0, 0, null, null, null, null);
    }
  }

  /** A chunk the target refused. */
  public record Rejected(String chunkId, String reason) {}

  /** A recorded refusal: which chunk, where in the feed, the target's reason and when. */
  public record Rejection(long id, String sink, String chunkId, String cursor, String reason, Instant at) {}

  public State load(String name) {
    return db.withConnection(c -> find(db.sql(c), name)).orElseGet(() -> State.start(name));
  }

  public List<State> all() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("SELECT * FROM sink_state ORDER BY name", rs -> map(sql, rs));
    });
  }

  /** The target acknowledged the changes up to {@code next}: {@code applied} of them, less {@code rejected}. */
  public void advance(String name, FeedCursor next, int applied, List<Rejected> rejected) {
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      ensure(sql, name, now);
      sql.update("""
          UPDATE sink_state SET feed_cursor = ?, applied_changes = applied_changes + ?,
                 rejected_changes = rejected_changes + ?, last_success_at = ?, last_error = NULL,
                 last_error_at = NULL, updated_at = ?
           WHERE name = ?""", next.toString(), (long) applied, (long) rejected.size(), now, now, name);
      for (Rejected r : rejected) {
        sql.update("INSERT INTO sink_rejections (sink, chunk_id, feed_cursor, reason, rejected_at) VALUES (?, ?, ?, ?, ?)",
            name, r.chunkId(), next.toString(), clip(r.reason()), now);
      }
      return null;
    });
  }

  /** The target could not be written; the cursor stays where it is. */
  public void failed(String name, String error) {
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      ensure(sql, name, now);
      return sql.update("UPDATE sink_state SET last_error = ?, last_error_at = ?, updated_at = ? WHERE name = ?",
          clip(error), now, now, name);
    });
  }

  /** The target is being rebuilt from the start of the feed, for {@code reason}. */
  public void resync(String name, String reason) {
    db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Instant now = db.now();
      ensure(sql, name, now);
      return sql.update("""
          UPDATE sink_state SET feed_cursor = '0', resyncs = resyncs + 1, last_resync_reason = ?, updated_at = ?
           WHERE name = ?""", clip(reason), now, name);
    });
  }

  /** The newest refusals of {@code sink}, newest first. */
  public List<Rejection> rejections(String sink, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT id, sink, chunk_id, feed_cursor, reason, rejected_at FROM sink_rejections
           WHERE sink = ? ORDER BY id DESC LIMIT ?""",
          rs -> new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              sql.instant(rs, "rejected_at")), sink, limit);
    });
  }

  /** How many chunks {@code sink}'s target refused since {@code since}. */
  public long rejectedSince(String sink, Instant since) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM sink_rejections WHERE sink = ? AND rejected_at >= ?", sink, since));
  }

  private static void ensure(Sql sql, String name, Instant now) throws SQLException {
    sql.update("INSERT INTO sink_state (name, feed_cursor, updated_at) VALUES (?, '0', ?) ON CONFLICT (name) DO NOTHING",
        name, now);
  }

  private static Optional<State> find(Sql sql, String name) throws SQLException {
    return sql.queryOne("SELECT * FROM sink_state WHERE name = ?", rs -> map(sql, rs), name);
  }

  private static State map(Sql sql, ResultSet rs) throws SQLException {
    return new State(rs.getString("name"), FeedCursor.parse(rs.getString("feed_cursor")), rs.getLong("applied_changes"),
        rs.getLong("rejected_changes"), rs.getLong("resyncs"), rs.getString("last_resync_reason"),
        sql.instant(rs, "last_success_at"), rs.getString("last_error"), sql.instant(rs, "last_error_at"));
  }

  private static String clip(String s) {
    if (s == null) {
      return "";
    }
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "...";
  }
}
