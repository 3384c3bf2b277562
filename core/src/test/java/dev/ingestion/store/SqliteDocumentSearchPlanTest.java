package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shape of console document search reads a bounded id range or walks the status index in id order:
 * SQLite's plan never scans the documents table nor sorts in a temporary B-tree, so a page costs the same
 * on a million documents as on ten.
 */
@FastTest
class SqliteDocumentSearchPlanTest {
  @TempDir Path dir;
  Database db;

  @BeforeEach
  void open() {
    db = TestDatabases.sqlite(dir, Clock.systemUTC());
    TestDatabases.seed(db, 20, 1);
    db.withConnection(c -> db.sql(c).update("ANALYZE"));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @ParameterizedTest(name = "text={0} status={1} source={2}")
  @CsvSource(nullValues = "-", value = {
      "-, -, -", "-, dead_letter, -", "invoice, -, -", "invoice, completed, -", "-, -, test",
      "invoice, -, test", "-, failed, test", "invoice, pending, test"})
  void a_search_page_reads_an_index_range_and_never_sorts(String text, String status, String source) {
    List<Object> params = new ArrayList<>();
    DocumentSearch.Query q = new DocumentSearch.Query(text, status, source, 1_000_000L, 50);
    boolean windowed = text != null || source != null;
    String where = DocumentSearch.where(q, 1_000_000L, windowed ? 950_000L : 0, params);
    params.add(50);
    List<String> plan = db.withConnection(c -> db.sql(c).query(
        "EXPLAIN QUERY PLAN " + DocumentQueries.SUMMARY + where + " ORDER BY d.id DESC LIMIT ?",
        rs -> rs.getString("detail"), params.toArray()));
    assertThat(plan).as(String.join("\n", plan))
        .noneMatch(line -> line.startsWith("SCAN d") || line.startsWith("SCAN documents"))
        .noneMatch(line -> line.contains("TEMP B-TREE"))
        .anyMatch(line -> line.matches("SEARCH d USING (INTEGER PRIMARY KEY|INDEX idx_documents_status).*rowid<\\?.*"));
  }
}
