package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Failure;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.Stage;
import dev.ingestion.model.StageTimings;
import dev.ingestion.model.TextBlock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ResultRepository contract; one subclass per database dialect. */
public abstract class ResultRepositoryContract {
  protected abstract Database openDatabase(Path dir, java.time.Clock clock);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Database db;
  JobQueue queue;
  ResultRepository results;

  @BeforeEach
  void open() {
    db = openDatabase(dir, clock);
    queue = new JobQueue(db);
    results = new ResultRepository(db, 2);
    TestDatabases.seed(db, 1, 3);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private static NewVersion version(String hash, int chunks) {
    List<Chunk> list = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      list.add(new Chunk(i, hash + " chunk " + i, i * 10, i * 10 + 5, List.of("H"), 1, "h" + i));
    }
    return new NewVersion(hash, 100, DocumentMetadata.unknown("text/plain"), 50, false, list,
        java.util.Map.of("author", "Ann \"A\" Lee", "web_url", "https://example.test/" + hash));
  }

  private AttemptRecord attempt(String owner) {
    return new AttemptRecord(owner, clock.instant(), "m0", 100, StageTimings.NONE, null);
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  private Job claimAndRequeue() {
    return queue.claim("w", 1, Duration.ofSeconds(60)).get(0);
  }

  @Test
  void complete_makes_the_new_version_current() {
    Job job = claimAndRequeue();
    assertThat(results.complete(job, attempt("w"), version("a", 3))).isTrue();
    assertThat(count("SELECT count(*) FROM current_chunks")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed' AND version_count = 1")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'done'")).isEqualTo(1);
    String meta = db.withConnection(c -> db.sql(c).queryOne("SELECT source_metadata FROM documents", rs -> rs.getString(1)))
        .orElseThrow();
    assertThat(meta).isEqualTo("{\"author\":\"Ann \\\"A\\\" Lee\",\"web_url\":\"https://example.test/a\"}");
  }

  @Test
  void every_chunk_is_stored_column_by_column_in_ordinal_order() {
    int n = 37;
    List<Chunk> chunks = new ArrayList<>();
    List<byte[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> headings = i % 2 == 0 ? List.of("A", "B " + i) : List.of();
      chunks.add(new Chunk(i, "text " + i + " \u00e9\u4e2d", 100 * i, 100 * i + 7, headings, i % 3 == 0 ? null : i,
          "hash" + i, i % 4 == 0 ? null : TextBlock.Kind.LIST));
      vectors.add(new byte[] {(byte) i, 1, 2, 3});
    }
    NewVersion v = new NewVersion("many", 100, DocumentMetadata.unknown("text/plain"), 50, false, chunks)
        .withVectors(new NewVersion.Vectors(vectors, n, 0));
    assertThat(results.complete(claimAndRequeue(), attempt("w"), v)).isTrue();

    List<String> rows = db.withConnection(c -> db.sql(c).query("""
        SELECT ordinal, text, start_offset, end_offset, heading_path, page, content_hash, kind, embedding
        FROM chunks ORDER BY id""", rs -> rs.getInt(1) + "|" + rs.getString(2) + "|" + rs.getInt(3) + "|"
        + rs.getInt(4) + "|" + rs.getString(5) + "|" + rs.getObject(6) + "|" + rs.getString(7) + "|"
        + rs.getString(8) + "|" + Arrays.toString(rs.getBytes(9))));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Chunk c = chunks.get(i);
      expected.add(i + "|" + c.text() + "|" + c.startOffset() + "|" + c.endOffset() + "|"
          + HeadingPaths.toJson(c.headingPath()) + "|" + c.page() + "|" + c.contentHash() + "|"
          + (c.kind() == null ? null : c.kind().label()) + "|" + Arrays.toString(vectors.get(i)));
    }
    assertThat(rows).containsExactlyElementsOf(expected);
    assertThat(count("SELECT count(DISTINCT version_id) FROM chunks")).isEqualTo(1);
  }

  @Test
  void current_chunks_carry_their_document_path_title_and_language() {
    Job job = claimAndRequeue();
    DocumentMetadata meta = new DocumentMetadata("application/pdf", "Expense Policy", null, 3, "en", null, null);
    NewVersion v = version("a", 2);
    results.complete(job, attempt("w"), new NewVersion(v.contentHash(), v.sizeBytes(), meta, v.charCount(),
        v.truncated(), v.chunks(), v.sourceMetadata(), v.vectors()));

    String row = db.withConnection(c -> db.sql(c).queryOne(
        "SELECT d.external_id || '|' || cc.document_path || '|' || cc.document_title || '|' || cc.document_language"
            + " FROM current_chunks cc JOIN documents d ON d.id = cc.document_id WHERE cc.ordinal = 0",
        rs -> rs.getString(1))).orElseThrow();
    String path = row.substring(0, row.indexOf('|'));
    assertThat(row).isEqualTo(path + "|" + path + "|Expense Policy|en");
  }

  @Test
  void a_worker_that_lost_its_lease_writes_nothing() {
    Job job = claimAndRequeue();
    clock.advance(Duration.ofSeconds(61));
    queue.recoverAbandoned(List.of());
    Job other = queue.claim("w2", 1, Duration.ofSeconds(60)).get(0);
    assertThat(results.complete(job, attempt("w"), version("a", 3))).isFalse();
    assertThat(count("SELECT count(*) FROM chunks")).isZero();
    assertThat(results.complete(other, attempt("w2"), version("a", 3))).isTrue();
    assertThat(count("SELECT count(*) FROM chunks")).isEqualTo(3);
  }

  private void addDocuments(int n) {
    long sourceId = new SourceRepository(db).ensure("test", "filesystem", "/tmp/none");
    List<SyncRepository.Change> changes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      changes.add(new SyncRepository.NewDocument(new dev.ingestion.source.SourceItem("more-" + i + ".txt", "n" + i, 10,
          db.now())));
    }
    new SyncRepository(db).apply(sourceId, changes, 3);
  }

  @Test
  void a_completion_claims_the_workers_next_job_in_the_same_transaction() {
    addDocuments(1);
    Job job = claimAndRequeue();
    ResultRepository.Completed done = results.complete(job, attempt("w"), version("a", 2), Duration.ofSeconds(60));

    assertThat(done.saved()).isTrue();
    Job next = done.next();
    assertThat(next).isNotNull();
    assertThat(next.documentId()).isNotEqualTo(job.documentId());
    assertThat(next.attempts()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'leased' AND lease_owner = 'w' AND id = " + next.id()))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'processing' AND id = " + next.documentId()))
        .isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed' AND id = " + job.documentId()))
        .isEqualTo(1);
    // the attempt the claim counts is recorded when it ends, as after a claim of its own
    assertThat(count("SELECT count(*) FROM attempts")).isEqualTo(1);
  }

  @Test
  void completions_that_claim_as_they_go_finish_the_queue_and_the_last_claims_nothing() {
    addDocuments(2);
    Job job = claimAndRequeue();
    int completed = 0;
    while (job != null) {
      ResultRepository.Completed done = results.complete(job, attempt("w"), version("v" + completed, 1),
          Duration.ofSeconds(60));
      assertThat(done.saved()).isTrue();
      completed++;
      job = done.next();
    }
    assertThat(completed).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed'")).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM jobs WHERE status <> 'done'")).isZero();
  }

  @Test
  void a_completion_that_lost_its_lease_claims_nothing() {
    addDocuments(1);
    Job job = claimAndRequeue();
    clock.advance(Duration.ofSeconds(61));
    queue.recoverAbandoned(List.of());
    queue.claim("w2", 2, Duration.ofSeconds(60));
    queue.release("w2");

    ResultRepository.Completed done = results.complete(job, attempt("w"), version("a", 3), Duration.ofSeconds(60));

    assertThat(done.saved()).isFalse();
    assertThat(done.next()).isNull();
    assertThat(count("SELECT count(*) FROM jobs WHERE lease_owner = 'w'")).isZero();
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued'")).isEqualTo(2);
  }

  @Test
  void a_new_version_replaces_the_current_chunks_and_old_versions_are_pruned() {
    for (String hash : List.of("a", "b", "c")) {
      Job job = claimAndRequeue();
      results.complete(job, attempt("w"), version(hash, 2));
      queue.enqueue(job.documentId(), "changed", 3, JobOverrides.NONE);
    }
    assertThat(count("SELECT count(*) FROM current_chunks")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM current_chunks WHERE text LIKE 'c %'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM document_versions")).isEqualTo(2);
    assertThat(count("SELECT min(version_no) FROM document_versions")).isEqualTo(2);
  }

  @Test
  void dead_letter_records_what_an_operator_needs_and_a_later_success_resolves_it() {
    Job job = claimAndRequeue();
    Failure f = new Failure(Stage.PARSE, FailureCategory.CORRUPT, false, "java.io.IOException", "bad xref", "trace");
    assertThat(results.deadLetter(job, attempt("w"), f, "low")).isTrue();
    String row = db.withConnection(c -> db.sql(c).queryOne(
        "SELECT source_ref || '|' || stage || '|' || category || '|' || message || '|' || attempts || '|' || status"
            + " FROM dead_letters", rs -> rs.getString(1))).orElseThrow();
    assertThat(row).isEqualTo("test:doc-0.txt|parse|corrupt|bad xref|1|pending");
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'dead_letter'")).isEqualTo(1);

    queue.enqueue(job.documentId(), "replay", 3, JobOverrides.NONE);
    Job replay = claimAndRequeue();
    assertThat(results.complete(replay, attempt("w"), version("a", 1))).isTrue();
    assertThat(count("SELECT count(*) FROM dead_letters WHERE status = 'resolved'")).isEqualTo(1);
  }

  @Test
  void a_retry_puts_the_job_back_with_its_due_time() {
    Job job = claimAndRequeue();
    Failure f = new Failure(Stage.FETCH, FailureCategory.SOURCE_UNAVAILABLE, true, "x", "down", "t");
    assertThat(results.scheduleRetry(job, attempt("w"), f, clock.instant().plusSeconds(5))).isTrue();
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'failed'")).isEqualTo(1);
    assertThat(queue.claim("w", 1, Duration.ofSeconds(60))).isEmpty();
    clock.advance(Duration.ofSeconds(5));
    assertThat(queue.claim("w", 1, Duration.ofSeconds(60)).get(0).attempts()).isEqualTo(2);
  }
}
