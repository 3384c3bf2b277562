package dev.ingestion.ops.reports;

import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.time.Clock;

@FastTest
class SqliteReconciliationTest extends ReconciliationContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.sqlite(dir, clock);
  }
}
