package dev.ingestion.ops.maintenance;

import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.PostgresTest;
import java.nio.file.Path;
import java.time.Clock;

@PostgresTest
class PostgresMaintenanceTest extends MaintenanceContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }

  @Override
  protected boolean postgres() {
    return true;
  }
}
