package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.IngestionException;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations repositories and the V2 triggers; one subclass per database dialect. */
public abstract class OpsStoreContract {
  protected abstract Database openDatabase(Path dir, Clock clock);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:30:00Z"));
  Database db;
  JobQueue queue;
  ResultRepository results;
  StatsRepository stats;

  @BeforeEach
  void open() {
    db = openDatabase(dir, clock);
    queue = new JobQueue(db);
    results = new ResultRepository(db, 10);
    stats = new StatsRepository(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  static NewVersion version(String hash, int chunks) {
    List<Chunk> list = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      list.add(new Chunk(i, hash + " chunk " + i, i * 10, i * 10 + 5, List.of("H"), 1, "h" + i));
    }
    return new NewVersion(hash, 100, DocumentMetadata.unknown("text/plain"), 50, false, list);
  }

  AttemptRecord attempt(String owner) {
    return new AttemptRecord(owner, clock.instant(), "m", 100, StageTimings.NONE, null);
  }

  static Failure failure(FailureCategory category) {
    return new Failure(Stage.PARSE, category, category.retryableByDefault(), "X", "broken", "trace");
  }

  /** 10 documents: 3 completed, 2 dead-lettered, 1 retry scheduled, 1 deleted, 3 still queued. */
  void moveDocuments() {
    TestDatabases.seed(db, 10, 1);
    List<Job> jobs = queue.claim("w", 6, Duration.ofMinutes(1));
    for (int i = 0; i < 3; i++) {
      assertThat(results.complete(jobs.get(i), attempt("w"), version("v" + i, 2))).isTrue();
    }
    results.deadLetter(jobs.get(3), attempt("w"), failure(FailureCategory.CORRUPT), "low");
    results.deadLetter(jobs.get(4), attempt("w"), failure(FailureCategory.SOURCE_UNAVAILABLE), "high");
    results.scheduleRetry(jobs.get(5), attempt("w"), failure(FailureCategory.SOURCE_UNAVAILABLE), clock.instant());
    new SyncRepository(db).markDeleted(List.of(10L));
  }

  Map<String, Long> direct(String query) {
    return db.withConnection(c -> {
      Map<String, Long> out = new HashMap<>();
      db.sql(c).query(query, rs -> out.put(rs.getString(1), rs.getLong(2)));
      return out;
    });
  }

  void countersMatchTheTables() {
    Counters c = stats.counters(List.of("documents", "document_bytes", "jobs", "versions", "chunks"));
    assertThat(nonZero(c.byDim("documents"))).isEqualTo(direct("SELECT status, count(*) FROM documents GROUP BY status"));
    assertThat(c.sum("document_bytes")).isEqualTo(direct("SELECT 'b', sum(size_bytes) FROM documents").get("b"));
    assertThat(nonZero(c.byDim("jobs"))).isEqualTo(direct("SELECT status, count(*) FROM jobs GROUP BY status"));
    assertThat(c.sum("versions")).isEqualTo(direct("SELECT 'v', count(*) FROM document_versions").get("v"));
    assertThat(c.sum("chunks")).isEqualTo(direct("SELECT 'c', count(*) FROM chunks").get("c"));
  }

  static Map<String, Long> nonZero(Map<String, Long> m) {
    Map<String, Long> out = new HashMap<>(m);
    out.values().removeIf(v -> v == 0);
    return out;
  }

  @Test
  void counters_follow_every_change_before_and_after_compaction() {
    moveDocuments();
    countersMatchTheTables();
    assertThat(stats.pendingDeltas()).isPositive();
    stats.compact(3);
    countersMatchTheTables();
    while (stats.compact(1000) > 0) {
      countersMatchTheTables();
    }
    assertThat(stats.pendingDeltas()).isZero();
    countersMatchTheTables();
    new VersionRepository(db).deleteBatch(clock.instant().plusSeconds(1), 0, 10);
    countersMatchTheTables();
  }

  @Test
  void growth_is_counted_per_day_and_attempts_per_hour() {
    moveDocuments();
    clock.advance(Duration.ofDays(1));
    TestDatabases.seed(db, 0, 1);
    Counters growth = stats.counters(List.of("growth.documents", "growth.versions", "growth.chunks"));
    assertThat(growth.byDim("growth.documents")).containsEntry("2026-03-01", 10L);
    assertThat(growth.byDim("growth.versions")).containsEntry("2026-03-01", 3L);
    assertThat(growth.byDim("growth.chunks")).containsEntry("2026-03-01", 6L);
    Counters hours = stats.counters(List.of("attempts.completed", "attempts.dead_letter"), "2026-03-01 10",
        "2026-03-01 11");
    assertThat(hours.get("attempts.completed", "2026-03-01 10")).isEqualTo(3);
    assertThat(hours.get("attempts.dead_letter", "2026-03-01 10")).isEqualTo(2);
    Map<String, long[]> exact = stats.attemptsBetween(Instant.parse("2026-03-01T10:00:00Z"),
        Instant.parse("2026-03-01T11:00:00Z"));
    assertThat(exact.get("completed")[0]).isEqualTo(3);
  }

  @Test
  void dead_letter_queries_group_list_and_age_open_items() {
    moveDocuments();
    DeadLetterQueries q = new DeadLetterQueries(db);
    DeadLetterQueries.Counts c = q.counts();
    assertThat(c.byStatus()).containsEntry("pending", 2L);
    assertThat(c.openByCategory()).containsEntry("corrupt", 1L).containsEntry("source_unavailable", 1L);
    assertThat(c.openByPriority()).containsEntry("high", 1L).containsEntry("low", 1L);
    assertThat(c.openBySource()).containsEntry("test", 2L);
    assertThat(c.oldestOpenCreatedAt()).isEqualTo(clock.instant());
    List<DeadLetterItem> pending = q.list("pending", DeadLetterQueries.Filter.NONE, 10);
    assertThat(pending).extracting(DeadLetterItem::priority).containsExactly("high", "low");
    assertThat(q.retryCandidates(DeadLetterQueries.Filter.NONE, 10)).hasSize(1);
    assertThat(q.retryCandidates(new DeadLetterQueries.Filter("corrupt", null, null), 10)).hasSize(1);
    assertThat(q.openCreatedBetween(clock.instant().minusSeconds(1), clock.instant().plusSeconds(1))).isEqualTo(2);
    assertThat(q.openOfPriorityBefore("low", clock.instant().plusSeconds(1))).isEqualTo(1);
  }

  @Test
  void the_review_workflow_changes_state_only_where_allowed() {
    moveDocuments();
    DeadLetterQueries q = new DeadLetterQueries(db);
    DeadLetterRepository r = new DeadLetterRepository(db);
    long corrupt = q.list("pending", new DeadLetterQueries.Filter("corrupt", null, null), 1).get(0).id();
    assertThat(r.assign(corrupt, "alice", null)).isTrue();
    assertThat(q.reviewLoad()).extracting(DeadLetterQueries.ReviewLoad::assignee).containsExactly("alice");
    assertThat(r.escalate(corrupt, "low", "medium")).isTrue();
    assertThat(r.escalate(corrupt, "low", "medium")).as("priority moved on").isFalse();
    assertThat(r.retry(List.of(corrupt), new JobOverrides(Duration.ofMinutes(5), null), 3)).containsExactly(corrupt);
    assertThat(q.find(corrupt).orElseThrow().status()).isEqualTo("retrying");
    assertThat(r.assign(corrupt, "bob", null)).as("a retrying item is not reassigned").isFalse();
    long documentId = q.find(corrupt).orElseThrow().documentId();
    Job replay = queue.claim("w2", 10, Duration.ofMinutes(1)).stream().filter(j -> j.documentId() == documentId)
        .findFirst().orElseThrow();
    assertThat(replay.reason()).isEqualTo("replay");
    assertThat(replay.overrides().parseTimeout()).isEqualTo(Duration.ofMinutes(5));
    results.complete(replay, attempt("w2"), version("fixed", 1));
    assertThat(q.find(corrupt).orElseThrow().status()).isEqualTo("resolved");
    clock.advance(Duration.ofDays(31));
    assertThat(r.archiveClosedBefore(clock.instant().minus(Duration.ofDays(30)))).isEqualTo(1);
    assertThat(q.find(corrupt).orElseThrow().status()).isEqualTo("archived");
  }

  @Test
  void version_cleanup_never_touches_the_current_version() {
    TestDatabases.seed(db, 1, 1);
    for (int v = 0; v < 4; v++) {
      Job job = queue.claim("w", 1, Duration.ofMinutes(1)).get(0);
      results.complete(job, attempt("w"), version("h" + v, 3));
      clock.advance(Duration.ofDays(40));
      queue.enqueue(job.documentId(), "changed", 3, JobOverrides.NONE);
    }
    VersionRepository versions = new VersionRepository(db);
    assertThat(versions.candidates(clock.instant(), 1).versions()).isEqualTo(3);
    assertThat(versions.candidates(clock.instant(), 2).versions()).isEqualTo(2);
    VersionRepository.Removed removed = versions.deleteBatch(clock.instant(), 1, 100);
    assertThat(removed.versions()).isEqualTo(3);
    assertThat(removed.chunks()).isEqualTo(9);
    assertThat(direct("SELECT 'n', count(*) FROM current_chunks").get("n")).isEqualTo(3);
  }

  @Test
  void only_one_alert_is_open_per_rule_and_key() {
    AlertRepository alerts = new AlertRepository(db);
    AlertRepository.Firing f = new AlertRepository.Firing("error_rate", "pipeline", "high", "too many", 0.07, 0.05);
    long id = alerts.open(f, clock.instant(), clock.instant());
    assertThatThrownBy(() -> alerts.open(f, clock.instant(), clock.instant())).isInstanceOf(IngestionException.class);
    assertThat(alerts.acknowledge(id, "me", "looking", clock.instant())).isTrue();
    assertThat(alerts.acknowledge(id, "me", "again", clock.instant())).isFalse();
    assertThat(alerts.resolve(id, "operator", "fixed", clock.instant())).isTrue();
    assertThat(alerts.open(f, clock.instant(), clock.instant())).isNotEqualTo(id);
    assertThat(alerts.list("resolved", 10)).hasSize(1);
  }

  @Test
  void search_finds_documents_by_path_fragment_status_and_source_newest_first() {
    moveDocuments();
    DocumentSearch search = new DocumentSearch(db);
    var byText = search.search(new DocumentSearch.Query("DOC-1", null, null, null, 50)).documents();
    assertThat(byText).extracting(DocumentQueries.DocumentSummary::externalId).containsExactly("doc-1.txt");
    var dead = search.search(new DocumentSearch.Query(null, "dead_letter", null, null, 50)).documents();
    assertThat(dead).extracting(DocumentQueries.DocumentSummary::id).containsExactly(5L, 4L);
    assertThat(search.search(new DocumentSearch.Query(null, null, "test", null, 50)).documents()).hasSize(10);
    assertThat(search.search(new DocumentSearch.Query(null, null, "other", null, 50)).documents()).isEmpty();
    assertThat(search.search(new DocumentSearch.Query("100%_", null, null, null, 50)).documents()).isEmpty();
  }

  @Test
  void search_pages_with_a_cursor_until_every_document_was_seen_once() {
    TestDatabases.seed(db, 7, 1);
    DocumentSearch search = new DocumentSearch(db);
    List<Long> seen = new ArrayList<>();
    Long cursor = null;
    do {
      DocumentSearch.Page page = search.search(new DocumentSearch.Query("doc", null, null, cursor, 3));
      page.documents().forEach(d -> seen.add(d.id()));
      cursor = page.nextBefore();
    } while (cursor != null && seen.size() < 20);
    assertThat(seen).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
  }
}
