package dev.ingestion.store;

import java.nio.file.Path;
import java.time.Clock;

class SqliteLifecycleTest extends LifecycleContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.sqlite(dir, clock);
  }
}
