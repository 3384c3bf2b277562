package dev.ingestion.store;

import dev.ingestion.testkit.tags.PostgresTest;
import java.nio.file.Path;
import java.time.Clock;

@PostgresTest
class PostgresJobQueueTest extends JobQueueContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
