package dev.ingestion.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.JobOverrides;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.SearchRepository.Filters;
import dev.ingestion.store.SinkStateRepository;
import dev.ingestion.store.TestDatabases;
import dev.ingestion.testkit.tags.SlowTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The HNSW index beside a SQLite file ({@code <file>.vectors}); besides the contract, it is rebuilt when
 * the database is restored from an older backup, and a second process searches by scanning.
 */
@SlowTest
class VectorIndexTest extends VectorIndexContract {
  @Override
  protected Database openDatabase(Path dir) {
    return TestDatabases.sqlite(dir, Clock.systemUTC());
  }

  @Override
  protected Path folder() {
    return Path.of(db.config().sqlitePath() + ".vectors");
  }

  @Override
  protected Optional<VectorIndex> openIndex() {
    return VectorIndex.beside(db);
  }

  @Override
  protected String cursorName() {
    return VectorIndex.NAME;
  }

  @Test
  void an_index_of_another_history_of_the_database_is_rebuilt() throws IOException {
    assertThat(VectorIndex.folder(db.config())).isEqualTo(folder());
    VectorIndex first = openIndex().orElseThrow();
    SearchService search = service(Optional.of(first));
    Path backup = dir.resolve("backup.db");
    db.withConnection(c -> db.sql(c).update("VACUUM INTO ?", backup.toString()));
    for (long doc = 1; doc <= 150; doc++) {
      queue.enqueue(doc, "changed", 3, JobOverrides.NONE);
    }
    completeAll();
    search.nearest(gaussian(1.0), new Filters(null, null), 10);
    first.close();
    db.close();
    Path file = Path.of(db.config().sqlitePath());
    for (String suffix : List.of("-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    Files.copy(backup, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    db = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + file), Clock.systemUTC());
    queue = new JobQueue(db);
    results = new ResultRepository(db, 2);
    for (long doc = 1; doc <= 150; doc++) {
      queue.enqueue(doc, "changed", 3, JobOverrides.NONE);
    }
    completeAll();

    VectorIndex restored = openIndex().orElseThrow();
    search = service(Optional.of(restored));
    assertThat(recallAt10(search)).isGreaterThanOrEqualTo(0.95);
    assertThat(restored.count()).isEqualTo(150 * CHUNKS);
    assertThat(new SinkStateRepository(db).load(VectorIndex.NAME).lastResyncReason()).contains("older backup");
    restored.close();
  }
}
