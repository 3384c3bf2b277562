package dev.ingestion.store;

import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.time.Clock;

@FastTest
class SqliteChangeFeedTest extends ChangeFeedContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.sqlite(dir, clock);
  }
}
