package dev.ingestion.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * What SQLite says about its file: page size and count, free pages (space a VACUUM would give back),
 * the write-ahead log's size, and the bytes each table and index takes (the dbstat table, which reads
 * every page: a few seconds on a file of gigabytes).
 */
public final class SqliteStatistics {
  private final Database db;

  public SqliteStatistics(Database db) {
    this.db = db;
  }

  /** A table or index and the bytes of its pages. */
  public record Relation(String name, String type, String table, long bytes) {}

  /** The file and its pages; {@code relations} is empty when this SQLite lacks dbstat ({@code relationsNote} says so). */
  public record Snapshot(String version, String path, String journalMode, long pageSize, long pageCount,
      long freePages, long fileBytes, long walBytes, List<Relation> relations, String relationsNote) {}

  public Snapshot read(int top) {
    Path file = Path.of(db.config().sqlitePath());
    return db.withConnection(c -> {
      Sql sql = db.sql(c);
      String version = sql.queryOne("SELECT sqlite_version()", rs -> rs.getString(1)).orElse("?");
      String journal = sql.queryOne("PRAGMA journal_mode", rs -> rs.getString(1)).orElse("?");
      long pageSize = sql.queryLong("PRAGMA page_size");
      long pageCount = sql.queryLong("PRAGMA page_count");
      long free = sql.queryLong("PRAGMA freelist_count");
      List<Relation> relations;
      String note = null;
      try {
        relations = relations(sql, top);
      } catch (SQLException e) {
        relations = List.of();
        note = "table sizes need SQLite's dbstat table, which this SQLite lacks: " + e.getMessage();
      }
      return new Snapshot(version, file.toString(), journal, pageSize, pageCount, free, size(file),
          size(Path.of(file + "-wal")), relations, note);
    });
  }

  private static List<Relation> relations(Sql sql, int top) throws SQLException {
    return sql.query("""
        SELECT d.name AS name, coalesce(m.type, 'internal') AS type, coalesce(m.tbl_name, d.name) AS tbl,
               d.pgsize AS bytes
          FROM dbstat AS d LEFT JOIN sqlite_schema AS m ON m.name = d.name
         WHERE d.aggregate = TRUE ORDER BY d.pgsize DESC, d.name LIMIT ?""",
        rs -> new Relation(rs.getString("name"), rs.getString("type"), rs.getString("tbl"), rs.getLong("bytes")), top);
  }

  private static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return -1;
    }
  }
}
