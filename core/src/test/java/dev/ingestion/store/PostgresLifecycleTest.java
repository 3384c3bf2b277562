package dev.ingestion.store;

import java.nio.file.Path;
import java.time.Clock;

class PostgresLifecycleTest extends LifecycleContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
