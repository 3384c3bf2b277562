package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.StageTimings;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's keyword index is appended outside the completion transaction and loses pruned chunks by trigger. */
@FastTest
class SqliteSearchIndexTest {
  @TempDir Path dir;
  Database db;
  JobQueue queue;
  ResultRepository results;

  @BeforeEach
  void open() {
    db = TestDatabases.sqlite(dir, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    queue = new JobQueue(db);
    results = new ResultRepository(db, 1);
    TestDatabases.seed(db, 1, 3);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void completion_leaves_the_index_alone_and_a_catch_up_indexes_exactly_the_chunks_kept() {
    complete("alpha");
    assertThat(count("SELECT count(*) FROM chunks_fts")).isZero();
    assertThat(new SearchIndex(db).catchUp()).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'alpha'")).isEqualTo(2);

    queue.enqueue(1, "changed", 3, JobOverrides.NONE);
    complete("bravo");
    assertThat(count("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'alpha'")).as("pruned by trigger").isZero();
    assertThat(new SearchIndex(db).catchUp()).isEqualTo(2);
    assertThat(new SearchIndex(db).catchUp()).isZero();
    assertThat(count("SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'bravo'")).isEqualTo(2);
    assertThat(count("SELECT indexed_chunk_id FROM fts_progress")).isEqualTo(count("SELECT max(id) FROM chunks"));
  }

  private void complete(String word) {
    Job job = queue.claim("w", 1, Duration.ofSeconds(60)).get(0);
    List<Chunk> chunks = List.of(new Chunk(0, word + " one", 0, 5, List.of(), null, word + "0"),
        new Chunk(1, word + " two", 5, 10, List.of(), null, word + "1"));
    results.complete(job, new AttemptRecord("w", db.now(), "m", 10, StageTimings.NONE, null),
        new NewVersion(word, 10, DocumentMetadata.unknown("text/plain"), 10, false, chunks));
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }
}
