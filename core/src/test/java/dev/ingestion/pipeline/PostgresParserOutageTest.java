package dev.ingestion.pipeline;

import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.PostgresTest;
import dev.ingestion.testkit.tags.ProcessTest;
import java.nio.file.Path;
import java.time.Clock;

@ProcessTest
@PostgresTest
class PostgresParserOutageTest extends ParserOutageContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
