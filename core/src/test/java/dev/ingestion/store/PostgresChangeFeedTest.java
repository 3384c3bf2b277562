package dev.ingestion.store;

import dev.ingestion.testkit.tags.PostgresTest;
import java.nio.file.Path;
import java.time.Clock;

@PostgresTest
class PostgresChangeFeedTest extends ChangeFeedContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
