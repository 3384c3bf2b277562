package dev.ingestion.store;

import java.nio.file.Path;
import java.time.Clock;

class PostgresOpsStoreTest extends OpsStoreContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
