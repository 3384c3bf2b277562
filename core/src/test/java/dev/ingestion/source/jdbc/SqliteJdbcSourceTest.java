package dev.ingestion.source.jdbc;

import dev.ingestion.testkit.tags.SlowTest;
import java.nio.file.Path;
import java.time.Instant;

/** updated_at as ISO-8601 text, the usual way SQLite applications keep time. */
@SlowTest
class SqliteJdbcSourceTest extends JdbcSourceContract {
  @Override
  String newDatabaseUrl(Path dir) {
    return "jdbc:sqlite:" + dir.resolve("employees.db");
  }

  @Override
  String user() {
    return null;
  }

  @Override
  String timestampType() {
    return "TEXT";
  }

  @Override
  Object timestamp(Instant instant) {
    return instant.toString();
  }
}
