package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.SourceAccessDeniedException;
import dev.ingestion.model.StateConflictException;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.SourcePauses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source whose credentials stop working is paused instead of dead-lettering its documents one by one:
 * the failing document and everything queued behind it wait, and resuming finishes them all.
 */
public abstract class SourcePauseContract {
  protected abstract Database openDatabase(Path dir, Clock clock);

  @TempDir Path dir;
  Database db;
  Pipeline pipeline;
  Guarded source;

  /** A real folder behind a switch that makes it answer like a remote store rejecting our key. */
  static final class Guarded implements Source {
    final FileSystemSource inner;
    volatile boolean denyFetch;
    volatile boolean denyList;

    Guarded(Path root) {
      inner = new FileSystemSource("guarded", FileSystemSourceConfig.of(root));
    }

    @Override public String name() { return "guarded"; }
    @Override public String type() { return "s3"; }
    @Override public String location() { return inner.location(); }
    @Override public CheckResult check() { return inner.check(); }

    @Override
    public void list(ListingListener listener) {
      if (denyList) {
        throw new SourceException(FailureCategory.PERMISSION_DENIED, "403 AccessDenied: the key was revoked", null);
      }
      inner.list(listener);
    }

    @Override
    public FetchedContent fetch(String externalId) {
      if (denyFetch) {
        throw new SourceAccessDeniedException("cannot fetch " + externalId + ": 403 AccessDenied: the key was revoked", null);
      }
      return inner.fetch(externalId);
    }
  }

  @BeforeEach
  void open() throws IOException {
    Path root = Files.createDirectories(dir.resolve("docs"));
    for (int i = 0; i < 30; i++) {
      Files.writeString(root.resolve("doc-" + i + ".txt"), ("Paragraph " + i + " about access. ").repeat(40));
    }
    db = openDatabase(dir, Clock.systemUTC());
    source = new Guarded(root);
    PipelineConfig pc = PipelineConfig.defaults().withConcurrency(2);
    pipeline = PipelineFixture.pipeline(db, pc, List.of(source));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void a_source_refusing_access_is_paused_and_nothing_is_dead_lettered_then_resume_finishes_everything()
      throws InterruptedException {
    source.denyFetch = true;
    pipeline.discover(source, "test", null);
    Worker worker = pipeline.newWorker("test");
    worker.start();
    try {
      waitFor(() -> new SourcePauses(db).paused().size() == 1 && pipeline.queue().activeCount() == 0);
      assertThat(count("SELECT count(*) FROM dead_letters")).isZero();
      assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued'")).isEqualTo(30);
      assertThat(count("SELECT count(*) FROM documents WHERE status = 'completed'")).isZero();
      SourcePauses.Paused p = new SourcePauses(db).paused().get(0);
      assertThat(p.name()).isEqualTo("guarded");
      assertThat(p.reason()).contains("403 AccessDenied");
      assertThat(count("SELECT max(attempts) FROM jobs")).isZero();

      source.denyFetch = false;
      assertThat(new SourcePauses(db).resume("guarded")).isEqualTo(30);
      worker.wake();
      waitFor(() -> count("SELECT count(*) FROM documents WHERE status = 'completed'") == 30);
      assertThat(new SourcePauses(db).paused()).isEmpty();
      assertThat(count("SELECT count(*) FROM dead_letters")).isZero();
    } finally {
      worker.close();
    }
  }

  @Test
  void a_listing_refused_for_credentials_pauses_the_source_and_resume_is_refused_twice() {
    source.denyList = true;
    DiscoveryResult r = pipeline.discover(source, "test", null);
    assertThat(r.error()).contains("403");
    assertThat(new SourcePauses(db).paused()).extracting(SourcePauses.Paused::name).containsExactly("guarded");
    assertThat(new SourcePauses(db).resume("guarded")).isZero();
    assertThat(new SourcePauses(db).resume("guarded")).isEqualTo(-1);
    assertThat(new SourcePauses(db).paused()).isEmpty();
  }

  @Test
  void a_paused_source_refuses_a_sync_until_resumed() {
    source.denyList = true;
    pipeline.discover(source, "test", null);
    var sync = new dev.ingestion.ops.sources.SourceSyncService(pipeline, java.util.Map.of(),
        new dev.ingestion.store.SourceStatusRepository(db), new SourcePauses(db), () -> { }, Clock.systemUTC());
    try {
      assertThat(sync.list()).singleElement().satisfies(v -> {
        assertThat(v.status()).isEqualTo("paused");
        assertThat(v.pausedReason()).contains("revoked");
      });
      assertThatThrownBy(() -> sync.sync("guarded", "test")).isInstanceOf(StateConflictException.class)
          .hasMessageContaining("/sources/guarded/resume");
      source.denyList = false;
      assertThat(sync.resume("guarded").status()).isEqualTo("active");
      assertThat(sync.sync("guarded", "test").join().added()).isEqualTo(30);
    } finally {
      sync.close();
    }
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 60 s");
      }
      Thread.sleep(50);
    }
  }
}
