package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's own SQL, as written, against both databases. */
@FastTest
class RunbookSqlTest {
  @TempDir Path dir;

  private static List<String> run(Database db, String sql) {
    return db.withConnection(c -> {
      List<String> rows = new ArrayList<>();
      try (Statement st = c.createStatement()) {
        if (st.execute(sql)) {
          try (ResultSet rs = st.getResultSet()) {
            while (rs.next()) {
              rows.add(rs.getString(1));
            }
          }
        }
      }
      return rows;
    });
  }

  @Test
  void the_runbook_queries_work_on_postgresql() {
    try (Database db = TestDatabases.postgres(Clock.systemUTC())) {
      TestDatabases.seed(db, 3, 3);
      assertThat(run(db, "SELECT count(*) FROM documents;")).containsExactly("3");
      assertThat(String.join("\n", run(db, "EXPLAIN ANALYZE SELECT * FROM documents WHERE status = 'processing';")))
          .contains("Execution Time");
      assertThat(run(db, "SELECT indexname FROM pg_indexes WHERE tablename = 'documents'"))
          .contains("idx_documents_status", "idx_documents_created_at");
      run(db, "DELETE FROM metrics WHERE timestamp < NOW() - INTERVAL '30 days';");
      run(db, "DELETE FROM health_checks WHERE timestamp < NOW() - INTERVAL '7 days';");
      run(db, "ANALYZE;");
      run(db, "VACUUM ANALYZE;");
      assertThat(run(db, "SELECT count(*) FROM pg_stat_activity WHERE state = 'active';")).hasSize(1);
      assertThat(run(db, "SHOW max_connections;")).hasSize(1);
      assertThat(run(db, "SELECT datname, usename, count(*) FROM pg_stat_activity GROUP BY datname, usename;")).isNotEmpty();
    }
  }

  @Test
  void the_runbook_queries_work_on_sqlite() {
    try (Database db = TestDatabases.sqlite(dir, Clock.systemUTC())) {
      TestDatabases.seed(db, 2, 3);
      assertThat(run(db, "SELECT count(*) FROM documents;")).containsExactly("2");
      assertThat(run(db, "PRAGMA integrity_check;")).containsExactly("ok");
      assertThat(run(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents'"))
          .contains("idx_documents_status", "idx_documents_created_at");
      run(db, "DELETE FROM metrics WHERE timestamp < datetime('now', '-30 days');");
      run(db, "DELETE FROM health_checks WHERE timestamp < datetime('now', '-7 days');");
    }
  }
}
