package dev.ingestion.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read side of the dead-letter queue: counts, lists and ages. Every query walks an index of V2 (status
 * first), so the answers stay fast with tens of thousands of items.
 */
public final class DeadLetterQueries {
  public static final List<String> OPEN = List.of("pending", "in_review", "retrying");
  public static final List<String> PRIORITIES = List.of("critical", "high", "medium", "low");
  private static final String OPEN_SQL = "('pending', 'in_review', 'retrying')";

  private final Database db;

  public DeadLetterQueries(Database db) {
    this.db = db;
  }

  /** Counts for the stats endpoint. */
  public record Counts(Map<String, Long> byStatus, Map<String, Long> openByCategory, Map<String, Long> openByPriority,
      Map<String, Long> openBySource, Instant oldestOpenCreatedAt) {}

  /** Filters of list and bulk operations; null fields do not filter. */
  public record Filter(String category, String source, String priority) {
    public static final Filter NONE = new Filter(null, null, null);

    String sql() {
      return (category == null ? "" : " AND q.category = ?") + (source == null ? "" : " AND s.name = ?")
          + (priority == null ? "" : " AND q.priority = ?");
    }

    List<Object> params() {
      List<Object> out = new ArrayList<>();
      for (String v : new String[] {category, source, priority}) {
        if (v != null) {
          out.add(v);
        }
      }
      return out;
    }
  }

  /** Items still open: pending, in review or retrying. */
  public long openCount() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM dead_letters WHERE status IN " + OPEN_SQL));
  }

  /** Open items per failure category. */
  public Map<String, Long> openByCategory() {
    return db.withConnection(c -> grouped(db.sql(c), "SELECT category, count(*) FROM dead_letters WHERE status IN "
        + OPEN_SQL + " GROUP BY category"));
  }

  public Counts counts() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      Map<String, Long> byStatus = new LinkedHashMap<>();
      for (String s : List.of("pending", "in_review", "retrying", "resolved", "discarded", "archived")) {
        byStatus.put(s, 0L);
      }
      sql.query("SELECT status, count(*) FROM dead_letters GROUP BY status", rs -> byStatus.put(rs.getString(1), rs.getLong(2)));
      Map<String, Long> byCategory = grouped(sql, "SELECT category, count(*) FROM dead_letters WHERE status IN "
          + OPEN_SQL + " GROUP BY category");
      Map<String, Long> byPriority = new LinkedHashMap<>();
      PRIORITIES.forEach(p -> byPriority.put(p, 0L));
      byPriority.putAll(grouped(sql, "SELECT priority, count(*) FROM dead_letters WHERE status IN " + OPEN_SQL
          + " GROUP BY priority"));
      Map<String, Long> bySourceId = grouped(sql, "SELECT source_id, count(*) FROM dead_letters WHERE status IN "
          + OPEN_SQL + " GROUP BY source_id");
      Map<String, Long> bySource = new LinkedHashMap<>();
      for (Map.Entry<String, Long> e : bySourceId.entrySet()) {
        String name = sql.queryOne("SELECT name FROM sources WHERE id = ?", rs -> rs.getString(1),
            Long.parseLong(e.getKey())).orElse("source#" + e.getKey());
        bySource.put(name, e.getValue());
      }
      Instant oldest = null;
      for (String status : OPEN) {
        Instant t = sql.queryOne("SELECT min(created_at) AS oldest FROM dead_letters WHERE status = ?",
            rs -> sql.instant(rs, "oldest"), status).orElse(null);
        if (t != null && (oldest == null || t.isBefore(oldest))) {
          oldest = t;
        }
      }
      return new Counts(byStatus, byCategory, byPriority, bySource, oldest);
    });
  }

  private static Map<String, Long> grouped(Sql sql, String query, Object... params) throws java.sql.SQLException {
    Map<String, Long> out = new LinkedHashMap<>();
    sql.query(query, rs -> out.put(rs.getString(1), rs.getLong(2)), params);
    return out;
  }

  /**
   * Items in {@code status}, most urgent priority first and oldest first within a priority. One indexed
   * query per priority, merged, instead of a sort over every item.
   */
  public List<DeadLetterItem> list(String status, Filter filter, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<DeadLetterItem> out = new ArrayList<>();
      List<String> priorities = filter.priority() == null ? PRIORITIES : List.of(filter.priority());
      Filter rest = new Filter(filter.category(), filter.source(), null);
      for (String priority : priorities) {
        if (out.size() >= limit) {
          break;
        }
        List<Object> params = new ArrayList<>(List.of(status, priority));
        params.addAll(rest.params());
        params.add(limit - out.size());
        out.addAll(sql.query("SELECT " + DeadLetterItem.COLUMNS + DeadLetterItem.FROM
            + "WHERE q.status = ? AND q.priority = ?" + rest.sql() + " ORDER BY q.created_at, q.id LIMIT ?",
            rs -> DeadLetterItem.map(sql, rs, null), params.toArray()));
      }
      return out;
    });
  }

  public Optional<DeadLetterItem> find(long id) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.queryOne("SELECT " + DeadLetterItem.COLUMNS + ", q.stack_trace" + DeadLetterItem.FROM + "WHERE q.id = ?",
          rs -> DeadLetterItem.map(sql, rs, rs.getString("stack_trace")), id);
    });
  }

  public List<DeadLetterItem> forDocument(long documentId) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("SELECT " + DeadLetterItem.COLUMNS + DeadLetterItem.FROM + "WHERE q.document_id = ? ORDER BY q.id DESC",
          rs -> DeadLetterItem.map(sql, rs, null), documentId);
    });
  }

  /** Open items created in [from, to). */
  public long openCreatedBetween(Instant from, Instant to) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM dead_letters WHERE status IN " + OPEN_SQL + " AND created_at >= ? AND created_at < ?",
        from, to));
  }

  /** Open items of {@code priority} created before {@code cutoff} (past their SLA). */
  public long openOfPriorityBefore(String priority, Instant cutoff) {
    return db.withConnection(c -> db.sql(c).queryLong(
        "SELECT count(*) FROM dead_letters WHERE status IN " + OPEN_SQL + " AND priority = ? AND created_at < ?",
        priority, cutoff));
  }

  /** The oldest open items of {@code priority} created before {@code cutoff}. */
  public List<DeadLetterItem> oldestOfPriorityBefore(String priority, Instant cutoff, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      List<DeadLetterItem> out = new ArrayList<>();
      for (String status : OPEN) {
        out.addAll(sql.query("SELECT " + DeadLetterItem.COLUMNS + DeadLetterItem.FROM
            + "WHERE q.status = ? AND q.priority = ? AND q.created_at < ? ORDER BY q.created_at, q.id LIMIT ?",
            rs -> DeadLetterItem.map(sql, rs, null), status, priority, cutoff, limit));
      }
      out.sort(Comparator.comparing(DeadLetterItem::createdAt).thenComparing(DeadLetterItem::id));
      return out.size() > limit ? out.subList(0, limit) : out;
    });
  }

  /** Per assignee: how many items are in review and since when. */
  public record ReviewLoad(String assignee, long items, Instant oldestCreatedAt) {}

  public List<ReviewLoad> reviewLoad() {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("""
          SELECT coalesce(assignee, '') AS assignee, count(*) AS n, min(created_at) AS oldest FROM dead_letters
           WHERE status = 'in_review' GROUP BY assignee ORDER BY count(*) DESC""",
          rs -> new ReviewLoad(rs.getString("assignee"), rs.getLong("n"), sql.instant(rs, "oldest")));
    });
  }

  public List<DeadLetterItem> inReviewBy(String assignee, int limit) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      return sql.query("SELECT " + DeadLetterItem.COLUMNS + DeadLetterItem.FROM
          + "WHERE q.status = 'in_review' AND coalesce(q.assignee, '') = ? ORDER BY q.created_at, q.id LIMIT ?",
          rs -> DeadLetterItem.map(sql, rs, null), assignee, limit);
    });
  }

  /**
   * Ids of pending items to retry: with an empty filter the retryable ones, otherwise those matching the
   * filter. Oldest first, at most {@code limit}.
   */
  public List<Long> retryCandidates(Filter filter, int limit) {
    boolean any = filter.category() != null || filter.source() != null || filter.priority() != null;
    List<Object> params = new ArrayList<>(filter.params());
    if (!any) {
      params.add(Boolean.TRUE);
    }
    params.add(limit);
    return db.withConnection(c -> db.sql(c).query("SELECT q.id" + DeadLetterItem.FROM + "WHERE q.status = 'pending'"
        + filter.sql() + (any ? "" : " AND q.retryable = ?") + " ORDER BY q.created_at, q.id LIMIT ?",
        rs -> rs.getLong(1), params.toArray()));
  }
}
