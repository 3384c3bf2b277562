package dev.ingestion.store;

import dev.ingestion.store.DocumentQueries.DocumentSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds documents by path or title fragment, status and source, newest first, one keyset page at a time.
 * A page never loads more than it shows: with a status alone the status index is walked in id order; a
 * text or source filter (which no index can answer in id order) reads at most {@link #SCAN_WINDOW} ids per
 * page and hands back where the next page continues, so a rare term costs a few bounded pages instead of a
 * full-table scan.
 */
public final class DocumentSearch {
  /** Ids one filtered page reads at most. */
  public static final long SCAN_WINDOW = 50_000;

  private final Database db;

  public DocumentSearch(Database db) {
    this.db = db;
  }

  /** What to look for; null or blank fields do not filter. {@code beforeId} is the page cursor (exclusive). */
  public record Query(String text, String status, String source, Long beforeId, int limit) {}

  /** One page: the documents, newest first, and the cursor of the next page (null when there is none). */
  public record Page(List<DocumentSummary> documents, Long nextBefore, long scannedFrom, long scannedTo) {}

  public Page search(Query q) {
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      long top = q.beforeId() != null ? q.beforeId() : sql.queryLong("SELECT coalesce(max(id), 0) FROM documents") + 1;
      boolean windowed = present(q.text()) || present(q.source());
      long floor = windowed ? Math.max(0, top - SCAN_WINDOW) : 0;
      List<Object> params = new ArrayList<>();
      String where = where(q, top, floor, params);
      params.add(q.limit());
      List<DocumentSummary> docs = sql.query(DocumentQueries.SUMMARY + where + " ORDER BY d.id DESC LIMIT ?",
          rs -> DocumentQueries.summary(sql, rs), params.toArray());
      return new Page(docs, next(docs, q.limit(), floor), floor, top);
    });
  }

  /** The WHERE clause for {@code q}: an id range, then the filters; fills {@code params} in order. */
  static String where(Query q, long top, long floor, List<Object> params) {
    StringBuilder w = new StringBuilder(" WHERE d.id < ?");
    params.add(top);
    if (floor > 0) {
      w.append(" AND d.id >= ?");
      params.add(floor);
    }
    if (present(q.status())) {
      w.append(" AND d.status = ?");
      params.add(q.status());
    }
    if (present(q.source())) {
      // Unary + keeps the planner off the (source_id, external_id) index: walking it would read every
      // document of the source and sort them, instead of a bounded id range.
      w.append(" AND +d.source_id = (SELECT id FROM sources WHERE name = ?)");
      params.add(q.source());
    }
    if (present(q.text())) {
      String like = "%" + escape(q.text().trim().toLowerCase(Locale.ROOT)) + "%";
      w.append(" AND (lower(d.external_id) LIKE ? ESCAPE '!' OR lower(coalesce(d.title, '')) LIKE ? ESCAPE '!')");
      params.add(like);
      params.add(like);
    }
    return w.toString();
  }

  private static Long next(List<DocumentSummary> docs, int limit, long floor) {
    if (docs.size() == limit) {
      return docs.get(docs.size() - 1).id();
    }
    return floor > 1 ? floor : null;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  private static String escape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
