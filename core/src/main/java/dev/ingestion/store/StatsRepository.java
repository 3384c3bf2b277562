package dev.ingestion.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the counters that triggers maintain (see V2__operations.sql): a stored total plus the deltas
 * not folded in yet. {@link #compact} folds the deltas; it is safe to run from several processes.
 */
public final class StatsRepository {
  /** Dimension format of per-day counters (UTC). */
  public static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  /** Dimension format of per-hour counters (UTC). */
  public static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH").withZone(ZoneOffset.UTC);

  private final Database db;

  public StatsRepository(Database db) {
    this.db = db;
  }

  /** Every dimension of the named counters. */
  public Counters counters(List<String> names) {
    return read(names, null, null);
  }

  /** The named counters restricted to dimensions in [{@code fromDim}, {@code toDim}). */
  public Counters counters(List<String> names, String fromDim, String toDim) {
    return read(names, fromDim, toDim);
  }

  private Counters read(List<String> names, String fromDim, String toDim) {
    if (names.isEmpty()) {
      return new Counters(Map.of());
    }
    String in = String.join(", ", names.stream().map(n -> "?").toList());
    List<Object> params = new ArrayList<>(names);
    String range = "";
    if (fromDim != null) {
      range = " AND dim >= ? AND dim < ?";
      params.add(fromDim);
      params.add(toDim);
    }
    String query = "SELECT name, dim, value FROM stat_totals WHERE name IN (" + in + ")" + range;
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      Map<String, Map<String, Long>> out = new HashMap<>();
      sql.query(query, rs -> out.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
          .merge(rs.getString(2), rs.getLong(3), Long::sum), params.toArray());
      Map<String, Map<String, Long>> pending = new HashMap<>();
      sql.query("SELECT kind, dim, a, b FROM stat_deltas",
          rs -> {
            StatDeltas.expand(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), pending);
            return null;
          });
      Set<String> wanted = Set.copyOf(names);
      pending.forEach((name, dims) -> {
        if (wanted.contains(name)) {
          dims.forEach((dim, v) -> {
            if (fromDim == null || (dim.compareTo(fromDim) >= 0 && dim.compareTo(toDim) < 0)) {
              out.computeIfAbsent(name, k -> new HashMap<>()).merge(dim, v, Long::sum);
            }
          });
        }
      });
      return new Counters(out);
    });
  }

  /** Deltas waiting to be folded into the totals. */
  public long pendingDeltas() {
    return db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM stat_deltas"));
  }

  /**
   * Folds up to {@code batch} of the oldest deltas into the totals, in one transaction. The deltas are
   * deleted with RETURNING and summed from what was deleted, so a delta committed concurrently is never
   * lost or counted twice. Returns how many were folded.
   */
  public int compact(int batch) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      long min = sql.queryLong("SELECT coalesce(min(id), 0) FROM stat_deltas");
      Map<String, Map<String, Long>> sums = new HashMap<>();
      int folded = 0;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM stat_deltas WHERE id < ? RETURNING kind, dim, a, b")) {
        ps.setLong(1, min + batch);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            StatDeltas.expand(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), sums);
            folded++;
          }
        }
      }
      for (Map.Entry<String, Map<String, Long>> e : sums.entrySet()) {
        for (Map.Entry<String, Long> d : e.getValue().entrySet()) {
          sql.update("""
              INSERT INTO stat_totals (name, dim, value) VALUES (?, ?, ?)
              ON CONFLICT (name, dim) DO UPDATE SET value = stat_totals.value + excluded.value""",
              e.getKey(), d.getKey(), d.getValue());
        }
      }
      return folded;
    });
  }

  /** Attempts finished in [from, to): count and bytes per outcome, read from the attempts themselves. */
  public Map<String, long[]> attemptsBetween(Instant from, Instant to) {
    return db.withConnection(c -> {
      Map<String, long[]> out = new HashMap<>();
      db.sql(c).query("""
          SELECT outcome, count(*), coalesce(sum(bytes), 0) FROM attempts
           WHERE finished_at >= ? AND finished_at < ? GROUP BY outcome""",
          rs -> out.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}), from, to);
      return out;
    });
  }

  /** Size of the database on disk in bytes. */
  public long databaseSizeBytes() {
    return db.withConnection(c -> {
      return db.sql(c).queryLong(db.dialect().databaseSizeSql());
    });
  }

  /** Round-trip time of a trivial query, in nanoseconds. */
  public long ping() {
    return db.withConnection(c -> {
      long start = System.nanoTime();
      db.sql(c).queryLong("SELECT 1");
      return System.nanoTime() - start;
    });
  }
}
