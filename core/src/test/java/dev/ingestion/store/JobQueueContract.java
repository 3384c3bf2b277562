package dev.ingestion.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Job;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JobQueue contract; one subclass per database dialect. */
public abstract class JobQueueContract {
  protected abstract Database openDatabase(Path dir, java.time.Clock clock);

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  Database db;
  JobQueue queue;

  @BeforeEach
  void open() {
    db = openDatabase(dir, clock);
    queue = new JobQueue(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void claim_leases_jobs_and_marks_documents_processing() {
    TestDatabases.seed(db, 3, 3);
    List<Job> jobs = queue.claim("w1", 2, Duration.ofSeconds(60));
    assertThat(jobs).hasSize(2);
    assertThat(jobs).allMatch(j -> j.attempts() == 1);
    long processing = db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM documents WHERE status = 'processing'"));
    assertThat(processing).isEqualTo(2);
  }

  @Test
  void claim_skips_job_leased_by_another_worker() {
    TestDatabases.seed(db, 1, 3);
    assertThat(queue.claim("w1", 1, Duration.ofSeconds(60))).hasSize(1);
    assertThat(queue.claim("w2", 1, Duration.ofSeconds(60))).isEmpty();
  }

  @Test
  void expired_lease_is_recovered_and_recorded_as_abandoned() {
    TestDatabases.seed(db, 1, 3);
    Job job = queue.claim("dead-worker", 1, Duration.ofSeconds(60)).get(0);
    clock.advance(Duration.ofSeconds(30));
    assertThat(queue.recoverAbandoned(List.of())).isZero();
    clock.advance(Duration.ofSeconds(31));
    assertThat(queue.recoverAbandoned(List.of())).isEqualTo(1);
    Job again = queue.claim("w2", 1, Duration.ofSeconds(60)).get(0);
    assertThat(again.id()).isEqualTo(job.id());
    assertThat(again.attempts()).isEqualTo(2);
    long abandoned = db.withConnection(c -> db.sql(c).queryLong("SELECT count(*) FROM attempts WHERE outcome = 'abandoned'"));
    assertThat(abandoned).isEqualTo(1);
  }

  @Test
  void jobs_of_a_dead_owner_are_recovered_before_their_lease_expires() {
    TestDatabases.seed(db, 2, 3);
    queue.claim("dead", 2, Duration.ofMinutes(10));
    assertThat(queue.recoverAbandoned(List.of("dead"))).isEqualTo(2);
    assertThat(queue.claim("alive", 5, Duration.ofSeconds(60))).hasSize(2);
  }

  @Test
  void heartbeat_keeps_a_lease_alive() {
    TestDatabases.seed(db, 1, 3);
    long job = queue.claim("w1", 1, Duration.ofSeconds(60)).get(0).id();
    clock.advance(Duration.ofSeconds(50));
    assertThat(queue.heartbeat("w1", Duration.ofSeconds(60), List.of(job))).isEqualTo(1);
    clock.advance(Duration.ofSeconds(50));
    assertThat(queue.recoverAbandoned(List.of())).isZero();
  }

  @Test
  void release_hands_jobs_back_without_counting_an_attempt() {
    TestDatabases.seed(db, 1, 3);
    queue.claim("w1", 1, Duration.ofSeconds(60));
    assertThat(queue.release("w1")).isEqualTo(1);
    Job job = queue.claim("w2", 1, Duration.ofSeconds(60)).get(0);
    assertThat(job.attempts()).isEqualTo(1);
  }

  @Test
  void jobs_not_yet_due_are_not_claimed() {
    TestDatabases.seed(db, 1, 3);
    db.withConnection(c -> db.sql(c).update("UPDATE jobs SET run_after = ?", clock.instant().plusSeconds(10)));
    assertThat(queue.claim("w1", 1, Duration.ofSeconds(60))).isEmpty();
    assertThat(queue.nextDue()).contains(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(queue.claim("w1", 1, Duration.ofSeconds(60))).hasSize(1);
  }

  @Test
  void concurrent_claimers_never_get_the_same_job() throws Exception {
    int jobs = 400;
    TestDatabases.seed(db, jobs, 3);
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (int w = 0; w < 8; w++) {
      String owner = "w" + w;
      pool.submit(() -> {
        go.await();
        List<Job> got;
        while (!(got = queue.claim(owner, 3, Duration.ofSeconds(60))).isEmpty()) {
          for (Job j : got) {
            if (!seen.add(j.id())) {
              duplicates.add(j.id());
            }
          }
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(duplicates).isEmpty();
    assertThat(seen).hasSize(jobs);
  }
}
