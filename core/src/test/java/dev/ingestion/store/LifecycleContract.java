package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.JobStatus;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import dev.ingestion.source.SourceItem;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every transition of {@link Lifecycle} on a real database, with the invariant it keeps (see the
 * transition table in docs/architecture.md); one subclass per dialect. After each test the job and
 * document counters kept by the statistics triggers equal the rows.
 */
public abstract class LifecycleContract {
  private static final Duration LEASE = Duration.ofSeconds(60);

  protected abstract Database openDatabase(Path dir, java.time.Clock clock);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Database db;
  JobQueue queue;
  ResultRepository results;
  long sourceId;

  @BeforeEach
  void open() {
    db = openDatabase(dir, clock);
    queue = new JobQueue(db);
    results = new ResultRepository(db, 3);
    sourceId = TestDatabases.seed(db, 3, 3);
  }

  @AfterEach
  void countersFollowTheRows() {
    try {
      Map<String, Long> jobs = new StatsRepository(db).counters(List.of("jobs")).byDim("jobs");
      for (JobStatus s : JobStatus.values()) {
        assertThat(jobs.getOrDefault(s.dbValue(), 0L)).as("jobs counter " + s)
            .isEqualTo(count("SELECT count(*) FROM jobs WHERE status = '" + s.dbValue() + "'"));
      }
      Map<String, Long> docs = new StatsRepository(db).counters(List.of("documents")).byDim("documents");
      for (dev.ingestion.model.DocumentStatus s : dev.ingestion.model.DocumentStatus.values()) {
        assertThat(docs.getOrDefault(s.dbValue(), 0L)).as("documents counter " + s)
            .isEqualTo(count("SELECT count(*) FROM documents WHERE status = '" + s.dbValue() + "'"));
      }
    } finally {
      db.close();
    }
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  private String docStatus(long documentId) {
    return db.withConnection(c -> db.sql(c).queryOne("SELECT status FROM documents WHERE id = ?",
        rs -> rs.getString(1), documentId)).orElseThrow();
  }

  private long jobAttempts(long jobId) {
    return count("SELECT attempts FROM jobs WHERE id = " + jobId);
  }

  private AttemptRecord attempt(String owner) {
    return new AttemptRecord(owner, clock.instant(), "m0", 10, StageTimings.NONE, null);
  }

  private static Failure failure(FailureCategory category) {
    return new Failure(Stage.PARSE, category, category.retryableByDefault(), "java.io.IOException", "bad", "trace");
  }

  @Test
  void enqueue_keeps_at_most_one_active_job_per_document() {
    long doc = queue.claim("w", 1, LEASE).get(0).documentId();
    queue.enqueue(doc, "replay", 3, JobOverrides.NONE);
    assertThat(count("SELECT count(*) FROM jobs WHERE document_id = " + doc)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE status IN ('queued', 'leased')")).isEqualTo(3);
  }

  @Test
  void replay_puts_a_finished_document_back_to_pending_with_its_attempts_reset() {
    Job job = queue.claim("w", 1, LEASE).get(0);
    assertThat(results.deadLetter(job, attempt("w"), failure(FailureCategory.CORRUPT), "low")).isTrue();
    queue.enqueue(job.documentId(), "replay", 3, new JobOverrides(Duration.ofSeconds(90), null));
    assertThat(docStatus(job.documentId())).isEqualTo("pending");
    assertThat(count("SELECT attempts FROM documents WHERE id = " + job.documentId())).isZero();
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued' AND overrides IS NOT NULL")).isEqualTo(1);
  }

  @Test
  void discover_of_a_document_already_known_inserts_nothing() {
    new SyncRepository(db).apply(sourceId, List.of(new SyncRepository.NewDocument(
        new SourceItem("doc-0.txt", "m0", 10, clock.instant()))), 3);
    assertThat(count("SELECT count(*) FROM documents")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(3);
  }

  @Test
  void large_files_listed_together_with_small_ones_are_claimed_first_by_size() {
    queue.claim("w", 3, LEASE); // the seeded documents out of the way
    clock.advance(Duration.ofSeconds(1));
    new SyncRepository(db).apply(sourceId, List.of(
        new SyncRepository.NewDocument(new SourceItem("small-1.txt", "a", 900, clock.instant())),
        new SyncRepository.NewDocument(new SourceItem("big-3mb.pdf", "b", 3L << 20, clock.instant())),
        new SyncRepository.NewDocument(new SourceItem("small-2.txt", "c", (1 << 20) - 1, clock.instant())),
        new SyncRepository.NewDocument(new SourceItem("huge.xlsx", "d", 500L << 20, clock.instant())),
        new SyncRepository.NewDocument(new SourceItem("big-2mb.html", "e", 2L << 20, clock.instant()))), 3);

    List<String> order = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) { // one claim each: a claim's rows come back in no particular order
      long documentId = queue.claim("w", 1, LEASE).get(0).documentId();
      order.add(db.withConnection(c -> db.sql(c).queryOne("SELECT external_id FROM documents WHERE id = ?",
          rs -> rs.getString(1), documentId)).orElseThrow());
    }
    assertThat(order).containsExactly("huge.xlsx", "big-3mb.pdf", "big-2mb.html", "small-1.txt", "small-2.txt");
  }

  @Test
  void a_document_is_brought_forward_a_second_per_mib_and_at_most_a_minute() {
    Instant now = clock.instant();
    assertThat(Lifecycle.dueFor(0, now)).isEqualTo(now);
    assertThat(Lifecycle.dueFor(-1, now)).isEqualTo(now);
    assertThat(Lifecycle.dueFor((1 << 20) - 1, now)).isEqualTo(now);
    assertThat(Lifecycle.dueFor(5L << 20, now)).isEqualTo(now.minusSeconds(5));
    assertThat(Lifecycle.dueFor(Long.MAX_VALUE, now)).isEqualTo(now.minusSeconds(Lifecycle.MAX_HEAD_START_SECONDS));
  }

  @Test
  void mark_deleted_cancels_the_active_job_and_restore_queues_the_document_again() {
    Job job = queue.claim("w", 1, LEASE).get(0);
    new SyncRepository(db).markDeleted(List.of(job.documentId()));
    assertThat(docStatus(job.documentId())).isEqualTo("deleted");
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'cancelled'")).isEqualTo(1);
    assertThat(results.complete(job, attempt("w"), ResultRepositoryContractVersions.version("a", 1)))
        .as("a cancelled job's lease is gone").isFalse();

    new SyncRepository(db).apply(sourceId, List.of(new SyncRepository.ChangedDocument(job.documentId(),
        new SourceItem("doc-0.txt", "m9", 10, clock.instant()), "restored")), 3);
    assertThat(docStatus(job.documentId())).isEqualTo("pending");
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued' AND reason = 'restored'")).isEqualTo(1);
  }

  @Test
  void a_transition_commits_or_rolls_back_with_the_callers_transaction() {
    assertThatThrownBy(() -> db.inTransaction(c -> {
      assertThat(Lifecycle.claim(db.sql(c), "w", 3, LEASE, clock.instant())).hasSize(3);
      throw new IllegalStateException("the caller fails after claiming");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'leased'")).isZero();
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'processing'")).isZero();
    assertThat(count("SELECT max(attempts) FROM jobs")).isZero();
  }

  @Test
  void the_per_job_heartbeat_renews_only_the_jobs_still_held_by_their_owner() {
    List<Job> jobs = queue.claim("w", 3, LEASE);
    clock.advance(Duration.ofSeconds(50));
    assertThat(queue.heartbeat("w", LEASE, List.of(jobs.get(0).id(), jobs.get(1).id()))).isEqualTo(2);
    assertThat(queue.heartbeat("intruder", LEASE, List.of(jobs.get(2).id()))).isZero();
    clock.advance(Duration.ofSeconds(20));
    assertThat(queue.recoverAbandoned(List.of())).as("only the job dropped from the held set").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued' AND id = " + jobs.get(2).id())).isEqualTo(1);
    assertThat(results.completeUnchanged(jobs.get(0), attempt("w"))).isTrue();
  }

  @Test
  void crash_recovery_of_a_claimed_batch_requeues_every_job_and_fences_out_the_dead_owner() {
    List<Job> batch = queue.claim("dead", 3, LEASE);
    assertThat(queue.recoverAbandoned(List.of("dead"))).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued' AND lease_owner IS NULL")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'pending'")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM attempts WHERE outcome = 'abandoned'")).isEqualTo(3);
    for (Job job : batch) {
      assertThat(results.complete(job, attempt("dead"), ResultRepositoryContractVersions.version("x", 1))).isFalse();
      assertThat(results.scheduleRetry(job, attempt("dead"), failure(FailureCategory.INTERNAL), clock.instant()))
          .isFalse();
      assertThat(results.completeUnchanged(job, attempt("dead"))).isFalse();
      assertThat(results.deadLetter(job, attempt("dead"), failure(FailureCategory.INTERNAL), "medium")).isFalse();
    }
    // the writes chained after a fence that failed wrote nothing either
    assertThat(count("SELECT count(*) FROM attempts")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'pending'")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM dead_letters")).isZero();
    assertThat(count("SELECT count(*) FROM chunks")).isZero();
    assertThat(queue.claim("alive", 3, LEASE)).allMatch(j -> j.attempts() == 2);
  }

  @Test
  void release_hands_a_claimed_batch_back_without_counting_an_attempt() {
    List<Job> batch = queue.claim("w", 3, LEASE);
    assertThat(queue.release("w")).isEqualTo(3);
    for (Job job : batch) {
      assertThat(jobAttempts(job.id())).isZero();
      assertThat(docStatus(job.documentId())).isEqualTo("pending");
    }
    assertThat(count("SELECT count(*) FROM attempts")).isZero();
    assertThat(queue.release("w")).isZero();
  }

  @Test
  void complete_finishes_the_job_and_a_second_complete_of_the_same_lease_writes_nothing() {
    Job job = queue.claim("w", 1, LEASE).get(0);
    assertThat(results.complete(job, attempt("w"), ResultRepositoryContractVersions.version("a", 2))).isTrue();
    assertThat(results.complete(job, attempt("w"), ResultRepositoryContractVersions.version("b", 2))).isFalse();
    assertThat(count("SELECT count(*) FROM document_versions")).isEqualTo(1);
    assertThat(docStatus(job.documentId())).isEqualTo("completed");
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'done' AND lease_owner IS NULL")).isEqualTo(1);
  }

  @Test
  void retry_queues_the_job_for_later_and_the_document_is_failed() {
    Job job = queue.claim("w", 1, LEASE).get(0);
    assertThat(results.scheduleRetry(job, attempt("w"), failure(FailureCategory.SOURCE_UNAVAILABLE),
        clock.instant().plusSeconds(30))).isTrue();
    assertThat(docStatus(job.documentId())).isEqualTo("failed");
    assertThat(jobAttempts(job.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM attempts WHERE outcome = 'retry_scheduled'")).isEqualTo(1);
  }

  @Test
  void pause_parks_the_job_without_counting_the_attempt_until_the_source_is_resumed() {
    Job job = queue.claim("w", 1, LEASE).get(0);
    assertThat(results.pauseSource(job, attempt("w"), failure(FailureCategory.PERMISSION_DENIED), sourceId)).isTrue();
    assertThat(jobAttempts(job.id())).isZero();
    assertThat(queue.claim("w", 5, LEASE)).as("the source's other jobs wait too").isEmpty();
    assertThat(new SourcePauses(db).resume("test")).isEqualTo(3);
    assertThat(queue.claim("w", 5, LEASE)).hasSize(3);
  }

  @Test
  void dead_letter_finishes_the_job_and_parks_the_document() {
    Job job = queue.claim("w", 1, LEASE).get(0);
    assertThat(results.deadLetter(job, attempt("w"), failure(FailureCategory.CORRUPT), "low")).isTrue();
    assertThat(docStatus(job.documentId())).isEqualTo("dead_letter");
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'dead'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM dead_letters WHERE exception_class = 'java.io.IOException'")).isEqualTo(1);
  }
}
