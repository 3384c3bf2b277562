package dev.ingestion.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.store.Database;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.PostgresTest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HNSW index of a PostgreSQL database, kept in a local folder (here a temporary one). */
@PostgresTest
class PostgresVectorIndexTest extends VectorIndexContract {
  @Override
  protected Database openDatabase(Path dir) {
    return TestDatabases.postgres(Clock.systemUTC());
  }

  @Override
  protected Path folder() {
    return dir.resolve("vectors");
  }

  @Override
  protected Optional<VectorIndex> openIndex() {
    return VectorIndex.in(folder());
  }

  @Override
  protected String cursorName() {
    return VectorIndex.cursorName(folder());
  }

  @Test
  void the_default_folder_is_local_and_named_after_the_server_and_database() {
    String url = db.config().url();
    String name = url.substring("jdbc:postgresql://".length()).replaceFirst("\\?.*", "")
        .replaceAll("[^A-Za-z0-9._-]+", "_");
    assertThat(VectorIndex.folder(db.config()).toString()).isEqualTo(Path.of("data", "vectors", name).toString());
  }
}
