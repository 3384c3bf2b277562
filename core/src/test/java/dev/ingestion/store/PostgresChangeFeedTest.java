package dev.ingestion.store;

import java.nio.file.Path;
import java.time.Clock;

class PostgresChangeFeedTest extends ChangeFeedContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
