package dev.ingestion.source.jdbc;

import dev.ingestion.testkit.EmbeddedPostgres;
import dev.ingestion.testkit.tags.PostgresTest;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;

@PostgresTest
class PostgresJdbcSourceTest extends JdbcSourceContract {
  @Override
  String newDatabaseUrl(Path dir) {
    return EmbeddedPostgres.newDatabase();
  }

  @Override
  String user() {
    return "postgres";
  }

  @Override
  String timestampType() {
    return "TIMESTAMP WITH TIME ZONE";
  }

  @Override
  Object timestamp(Instant instant) {
    return Timestamp.from(instant);
  }
}
