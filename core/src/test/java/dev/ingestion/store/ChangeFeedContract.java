package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.FeedCursor;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.StageTimings;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.sink.MemorySink;
import dev.ingestion.sink.SinkMark;
import dev.ingestion.sink.SinkRunner;
import dev.ingestion.sink.SinkService;
import dev.ingestion.sink.SinkUnavailableException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.testkit.FeedMirror;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The change feed contract, one subclass per dialect: whatever happens to documents (new versions,
 * pruning, deletion, coming back, version cleanup), replaying the feed from any cursor a consumer held
 * converges to exactly the current chunks.
 */
public abstract class ChangeFeedContract {
  protected abstract Database openDatabase(Path dir, java.time.Clock clock);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Database db;
  JobQueue queue;
  ResultRepository results;
  ChangeFeedRepository feed;
  long sourceId;

  @BeforeEach
  void open() {
    db = openDatabase(dir, clock);
    queue = new JobQueue(db);
    results = new ResultRepository(db, 2);
    feed = new ChangeFeedRepository(db);
    sourceId = TestDatabases.seed(db, 3, 3);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void replaying_from_any_cursor_a_consumer_held_converges_to_the_current_chunks() {
    FeedMirror live = new FeedMirror();
    Map<FeedCursor, FeedMirror> held = new LinkedHashMap<>();
    FeedCursor cursor = FeedCursor.START;
    held.put(cursor, live.copy());
    List<Runnable> history = List.of(
        () -> completeNext("a", 3), () -> completeNext("b", 2), () -> completeNext("c", 0),
        () -> edit(1, "a2", 4), () -> markDeleted(2), () -> restore(2), () -> edit(2, "b2", 5),
        () -> edit(1, "a3", 1), () -> edit(1, "a4", 2),
        () -> new VersionRepository(db).deleteBatch(clock.instant().plusSeconds(1), 1, 100),
        () -> markDeleted(3), () -> markDeleted(1));
    for (Runnable step : history) {
      step.run();
      clock.advance(Duration.ofSeconds(1));
      cursor = follow(live, cursor, 2, held);
      assertThat(live.chunks()).isEqualTo(TestDatabases.currentChunks(db));
    }
    assertThat(TestDatabases.currentChunks(db)).hasSize(5);
    for (var e : held.entrySet()) {
      for (int limit : List.of(1, 3, 1000)) {
        FeedMirror replay = e.getValue().copy();
        follow(replay, e.getKey(), limit, null);
        assertThat(replay.chunks()).as("replay from %s, pages of %d", e.getKey(), limit).isEqualTo(TestDatabases.currentChunks(db));
      }
    }
  }

  @Test
  void a_page_stops_inside_a_large_version_and_resumes_where_it_stopped() {
    completeNext("big", 7);
    ChangeFeedRepository.Page first = feed.read(FeedCursor.START, 3);
    assertThat(first.changes()).extracting(FeedChange::id).containsExactly("1-1-0", "1-1-1", "1-1-2");
    assertThat(first.next()).hasToString("1:3");
    assertThat(first.hasMore()).isTrue();
    ChangeFeedRepository.Page rest = feed.read(first.next(), 100);
    assertThat(rest.changes()).extracting(FeedChange::id).containsExactly("1-1-3", "1-1-4", "1-1-5", "1-1-6");
    assertThat(rest.next()).hasToString("1");
    assertThat(rest.hasMore()).isFalse();
    FeedChange.Upsert u = (FeedChange.Upsert) rest.changes().get(0);
    assertThat(u.path()).isEqualTo("doc-0.txt");
    assertThat(u.source()).isEqualTo("test");
    assertThat(u.headingPath()).containsExactly("H");
    assertThat(u.reason()).isEqualTo("new_version");
  }

  @Test
  void a_new_version_deletes_the_old_chunks_before_upserting_the_new_ones_in_one_row() {
    completeNext("a", 2);
    completeNext("x", 0);
    completeNext("y", 0);
    FeedCursor after = feed.read(FeedCursor.START, 100).next();
    edit(1, "b", 1);
    List<FeedChange> changes = feed.read(after, 100).changes();
    assertThat(changes).extracting(c -> c.asMap().get("op") + " " + c.id() + " " + c.reason())
        .containsExactly("delete 1-1-0 superseded", "delete 1-1-1 superseded", "upsert 1-2-0 new_version");
    assertThat(count("SELECT count(*) FROM chunk_changes")).isEqualTo(4);
  }

  @Test
  void a_cursor_ahead_of_the_feed_is_refused_with_what_to_do() {
    completeNext("a", 1);
    assertThatThrownBy(() -> feed.read(new FeedCursor(99, 0), 10)).isInstanceOf(StateConflictException.class)
        .hasMessageContaining("replay from since=0");
  }

  @Test
  void a_reader_following_concurrent_writers_misses_nothing() throws Exception {
    TestDatabases.seed(db, 40, 3);
    FeedMirror mirror = new FeedMirror();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      String owner = "w" + t;
      writers.add(pool.submit(() -> drain(owner)));
    }
    Future<FeedCursor> reader = pool.submit(() -> {
      FeedCursor c = FeedCursor.START;
      while (writing.get()) {
        c = follow(mirror, c, 5, null);
      }
      return c;
    });
    for (Future<?> w : writers) {
      w.get();
    }
    writing.set(false);
    follow(mirror, reader.get(), 50, null);
    pool.shutdown();
    assertThat(TestDatabases.currentChunks(db)).hasSize(40 * 3);
    assertThat(mirror.chunks()).isEqualTo(TestDatabases.currentChunks(db));
  }

  @Test
  void every_upsert_carries_its_documents_language_author_title_and_source_metadata() {
    Job job = queue.claim("w", 1, Duration.ofSeconds(60)).get(0);
    NewVersion v = version("m", 2);
    results.complete(job, attempt("w"), new NewVersion(v.contentHash(), v.sizeBytes(), new DocumentMetadata(
        "text/html; charset=UTF-8", "Leave policy", "Ann Smith", null, "de", null, null), v.charCount(), false,
        v.chunks(), Map.of("web_url", "https://example.sharepoint.com/x", "department", "HR")));
    List<FeedChange> changes = feed.read(FeedCursor.START, 10).changes();
    assertThat(changes).hasSize(2).allSatisfy(c -> {
      Map<String, Object> m = c.asMap();
      assertThat(m.get("source_metadata")).isEqualTo(Map.of("web_url", "https://example.sharepoint.com/x",
          "department", "HR"));
      @SuppressWarnings("unchecked")
      Map<String, Object> meta = (Map<String, Object>) m.get("metadata");
      assertThat(meta).containsEntry("language", "de").containsEntry("author", "Ann Smith")
          .containsEntry("title", "Leave policy").containsEntry("mime_type", "text/html; charset=UTF-8");
      assertThat(m.get("path")).isEqualTo("doc-0.txt");
    });
    completeNext("plain", 1);
    Map<String, Object> plain = feed.read(new FeedCursor(1, 0), 10).changes().get(0).asMap();
    assertThat(plain.get("source_metadata")).isEqualTo(Map.of());
  }

  @Test
  void the_feed_and_the_chunk_listing_carry_each_chunks_block_kind() {
    Job job = queue.claim("w", 1, Duration.ofSeconds(60)).get(0);
    List<Chunk> chunks = List.of(
        new Chunk(0, "| a | b |", 0, 9, List.of("H"), null, "k0", dev.ingestion.model.TextBlock.Kind.TABLE),
        new Chunk(1, "Some prose.", 10, 21, List.of("H"), null, "k1", dev.ingestion.model.TextBlock.Kind.BODY),
        new Chunk(2, "Unknown.", 22, 30, List.of("H"), null, "k2"));
    results.complete(job, attempt("w"), new NewVersion("kinds", 100, DocumentMetadata.unknown("text/plain"), 30, false,
        chunks));

    List<Object> kinds = feed.read(FeedCursor.START, 10).changes().stream()
        .<Object>map(c -> ((Map<?, ?>) c.asMap().get("metadata")).get("kind")).toList();
    assertThat(kinds).containsExactly("table", "paragraph", null);
    long versionId = count("SELECT current_version_id FROM documents WHERE id = " + job.documentId());
    assertThat(new DocumentQueries(db).chunks(versionId, 0, 10)).extracting(DocumentQueries.ChunkRow::kind)
        .containsExactly("table", "paragraph", null);
    assertThat(count("SELECT count(*) FROM current_chunks WHERE kind = 'table'")).isEqualTo(1);
  }

  @Test
  void a_sink_saves_its_cursor_only_after_the_target_acknowledged_and_resumes_from_there() {
    completeNext("a", 5);
    completeNext("b", 3);
    completeNext("c", 4);
    MemorySink target = new MemorySink(3);
    target.batchesBeforeOutage = 2;
    SinkRunner runner = new SinkRunner(target, feed, new SinkStateRepository(db));
    assertThatThrownBy(runner::catchUp).isInstanceOf(SinkUnavailableException.class);
    SinkStateRepository.State after = new SinkStateRepository(db).load("memory");
    assertThat(after.cursor()).hasToString("2:1");
    assertThat(after.applied()).isEqualTo(6);
    try (SinkService service = new SinkService(List.of(target), db)) {
      assertThat(service.statuses().get(0).lag()).as("rows 2 (partly written) and 3 are owed").isEqualTo(2);
    }

    target.batchesBeforeOutage = Integer.MAX_VALUE;
    edit(1, "a2", 2);
    markDeleted(2);
    SinkRunner.Pass pass = runner.catchUp();
    assertThat(pass.resynced()).isFalse();
    assertThat(target.chunks).isEqualTo(TestDatabases.currentChunks(db));
    assertThat(target.mark).get().extracting(SinkMark::seq).isEqualTo(feed.horizon());
    assertThat(new SinkStateRepository(db).load("memory").applied()).isEqualTo(6 + pass.written());
  }

  @Test
  void a_refused_chunk_is_recorded_and_the_rest_are_written() {
    completeNext("good", 2);
    completeNext("bad", 2);
    MemorySink target = new MemorySink(10);
    target.refuseWord = "bad chunk 1";
    SinkRunner.Pass pass = new SinkRunner(target, feed, new SinkStateRepository(db)).catchUp();
    assertThat(pass.rejected()).isEqualTo(1);
    assertThat(target.chunks).containsOnlyKeys("1-1-0", "1-1-1", "2-1-0");
    SinkStateRepository states = new SinkStateRepository(db);
    assertThat(states.rejections("memory", 10)).singleElement()
        .satisfies(r -> assertThat(r.chunkId() + " " + r.reason()).isEqualTo("2-1-1 contains bad chunk 1"));
    assertThat(states.load("memory").cursor()).hasToString("2");
    assertThat(states.rejectedSince("memory", clock.instant().minusSeconds(1))).isEqualTo(1);
  }

  @Test
  void a_sink_rebuilds_its_target_when_it_cannot_be_in_step_with_the_feed() {
    completeNext("a", 2);
    completeNext("b", 2);
    MemorySink target = new MemorySink(100);
    SinkStateRepository states = new SinkStateRepository(db);
    SinkRunner runner = new SinkRunner(target, feed, states);
    runner.catchUp();

    target.mark = java.util.Optional.of(new SinkMark(2, "2/9/1"));
    target.chunks.put("7-1-0", "from another history");
    assertThat(runner.catchUp().resynced()).as("a mark naming another row").isTrue();
    assertThat(target.chunks).isEqualTo(TestDatabases.currentChunks(db));

    states.advance("memory", new FeedCursor(99, 0), 0, List.of());
    assertThat(runner.catchUp().resynced()).as("a cursor ahead of the feed").isTrue();
    assertThat(states.load("memory").lastResyncReason()).contains("ahead of the feed");

    target.clear();
    assertThat(runner.catchUp().resynced()).as("a target that lost its data").isTrue();
    assertThat(target.chunks).isEqualTo(TestDatabases.currentChunks(db)).hasSize(4);
    assertThat(states.load("memory").resyncs()).isEqualTo(3);
    assertThat(runner.catchUp().resynced()).as("in step again").isFalse();
    assertThat(feed.stamp(0)).contains("start");
    assertThat(feed.stamp(99)).isEmpty();
  }

  /** Completes every queued job twice over (a first version, then a second one). */
  private void drain(String owner) {
    List<Job> jobs;
    while (!(jobs = queue.claim(owner, 1, Duration.ofMinutes(5))).isEmpty()) {
      Job job = jobs.get(0);
      results.complete(job, attempt(owner), version(owner + job.id(), 3));
      if (job.reason().equals("new")) {
        queue.enqueue(job.documentId(), "changed", 3, JobOverrides.NONE);
      }
    }
  }

  /** Applies pages from {@code from} until the feed has no more; records the cursors it passes. */
  private FeedCursor follow(FeedMirror mirror, FeedCursor from, int limit, Map<FeedCursor, FeedMirror> held) {
    FeedCursor at = from;
    ChangeFeedRepository.Page page;
    do {
      page = feed.read(at, limit);
      page.changes().forEach(c -> mirror.apply(c.asMap()));
      at = page.next();
      if (held != null) {
        held.put(at, mirror.copy());
      }
    } while (page.hasMore());
    return at;
  }

  private void completeNext(String hash, int chunks) {
    Job job = queue.claim("w", 1, Duration.ofSeconds(60)).get(0);
    assertThat(results.complete(job, attempt("w"), version(hash, chunks))).isTrue();
  }

  private void edit(long documentId, String hash, int chunks) {
    queue.enqueue(documentId, "changed", 3, JobOverrides.NONE);
    completeNext(hash, chunks);
  }

  private void markDeleted(long documentId) {
    new SyncRepository(db).markDeleted(List.of(documentId));
  }

  private void restore(long documentId) {
    new SyncRepository(db).apply(sourceId, List.of(new SyncRepository.ChangedDocument(documentId,
        new SourceItem("doc-" + (documentId - 1) + ".txt", "m-back", 10, clock.instant()), "restored")), 3);
    // the restored document is live again with its old version until the queued job completes
    assertThat(count("SELECT count(*) FROM current_chunks WHERE document_id = " + documentId)).isPositive();
    queue.claim("w", 1, Duration.ofSeconds(60)).forEach(j -> results.completeUnchanged(j, attempt("w")));
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  private AttemptRecord attempt(String owner) {
    return new AttemptRecord(owner, clock.instant(), "m", 100, StageTimings.NONE, null);
  }

  private static NewVersion version(String hash, int chunks) {
    List<Chunk> list = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      list.add(new Chunk(i, hash + " chunk " + i, i * 10, i * 10 + 5, List.of("H"), null, hash + i));
    }
    return new NewVersion(hash, 100, DocumentMetadata.unknown("text/plain"), 50, false, list);
  }
}
