package dev.ingestion.pipeline;

import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.PostgresTest;
import java.nio.file.Path;
import java.time.Clock;

@PostgresTest
class PostgresDiscoveryTest extends DiscoveryContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
