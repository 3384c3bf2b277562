package dev.ingestion.search;

import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;

class PostgresSearchTest extends SearchContract {
  @Override
  protected Database openDatabase(Path dir, Clock clock) {
    return TestDatabases.postgres(clock);
  }
}
