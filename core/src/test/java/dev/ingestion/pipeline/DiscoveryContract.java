package dev.ingestion.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.MutableClock;
import dev.ingestion.store.SourceRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import dev.ingestion.source.SyncState;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Discovery contract; one subclass per database dialect. */
public abstract class DiscoveryContract {
  protected abstract Database openDatabase(Path dir, java.time.Clock clock);

  @TempDir Path dir;
  Database db;
  Discovery discovery;
  Path root;
  FileSystemSource source;

  @BeforeEach
  void open() throws IOException {
    db = openDatabase(dir, new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
    discovery = new Discovery(new SourceRepository(db), new SyncRepository(db), 3);
    root = Files.createDirectories(dir.resolve("docs"));
    for (int i = 0; i < 5; i++) {
      Files.writeString(root.resolve("f" + i + ".txt"), "file " + i);
    }
    source = new FileSystemSource("docs", FileSystemSourceConfig.of(root));
  }

  @AfterEach
  void close() {
    db.close();
  }

  private long count(String sql) {
    return db.withConnection(c -> db.sql(c).queryLong(sql));
  }

  /** Finishes all queued jobs as if a worker processed them, remembering the marker it saw. */
  private void finishAll() {
    db.withConnection(c -> {
      db.sql(c).update("UPDATE jobs SET status = 'done' WHERE status IN ('queued', 'leased')");
      return db.sql(c).update("UPDATE documents SET status = 'completed', processed_marker = change_marker WHERE status <> 'deleted'");
    });
  }

  @Test
  void first_listing_queues_every_file_once() {
    DiscoveryResult r = discovery.run(source, "test", null);
    assertThat(r.added()).isEqualTo(5);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued'")).isEqualTo(5);
    discovery.run(source, "test", null);
    assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(5);
  }

  @Test
  void an_unchanged_folder_queues_nothing_and_an_edited_file_queues_one_job() throws IOException {
    discovery.run(source, "test", null);
    finishAll();
    DiscoveryResult again = discovery.run(source, "test", null);
    assertThat(again.unchanged()).isEqualTo(5);
    assertThat(again.changed()).isZero();
    Files.writeString(root.resolve("f2.txt"), "file 2 edited");
    Files.setLastModifiedTime(root.resolve("f2.txt"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    DiscoveryResult edited = discovery.run(source, "test", null);
    assertThat(edited.changed()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'queued'")).isEqualTo(1);
  }

  @Test
  void a_deleted_file_is_marked_deleted_and_its_queued_work_cancelled() throws IOException {
    discovery.run(source, "test", null);
    Files.delete(root.resolve("f0.txt"));
    DiscoveryResult r = discovery.run(source, "test", null);
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'deleted' AND external_id = 'f0.txt'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE status = 'cancelled'")).isEqualTo(1);
  }

  @Test
  void a_file_that_comes_back_is_queued_again() throws IOException {
    discovery.run(source, "test", null);
    finishAll();
    Files.move(root.resolve("f1.txt"), dir.resolve("f1.txt"));
    discovery.run(source, "test", null);
    Files.move(dir.resolve("f1.txt"), root.resolve("f1.txt"));
    DiscoveryResult back = discovery.run(source, "test", null);
    assertThat(back.changed()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE external_id = 'f1.txt' AND status = 'pending'")).isEqualTo(1);
  }

  @Test
  void a_source_that_cannot_be_listed_marks_nothing_deleted() throws IOException {
    discovery.run(source, "test", null);
    Files.move(root, dir.resolve("moved-away"));
    DiscoveryResult r = discovery.run(source, "test", null);
    assertThat(r.error()).contains("does not exist");
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'deleted'")).isZero();
    assertThat(count("SELECT count(*) FROM sync_runs WHERE status = 'failed'")).isEqualTo(1);
  }

  @Test
  void an_incremental_listing_deletes_only_what_the_source_reports_deleted() {
    discovery.run(new ScriptedSource(false, null, "a", "b", "c"), "test", null);
    DiscoveryResult r = discovery.run(new ScriptedSource(true, "c", "a"), "test", null);
    assertThat(r.deleted()).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'deleted'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM documents WHERE status = 'deleted' AND external_id = 'c'")).isEqualTo(1);
  }

  @Test
  void the_sync_state_is_saved_only_when_the_listing_completes() {
    discovery.run(new ScriptedSource(false, null, "a"), "test", null);
    SourceRepository sources = new SourceRepository(db);
    long id = sources.find("scripted").orElseThrow().id();
    assertThat(sources.syncState(id)).contains("after-1");
    ScriptedSource failing = new ScriptedSource(true, null, "b");
    failing.failAfterListing = true;
    DiscoveryResult r = discovery.run(failing, "test", null);
    assertThat(r.error()).isNotNull();
    assertThat(sources.syncState(id)).contains("after-1");
    discovery.run(new ScriptedSource(true, null, "b"), "test", null);
    assertThat(sources.syncState(id)).contains("after-1+");
  }

  /** Lists the given ids, optionally as an incremental listing reporting one id deleted; advances its cursor. */
  private static final class ScriptedSource implements Source {
    private final boolean incremental;
    private final String deleted;
    private final String[] ids;
    boolean failAfterListing;

    ScriptedSource(boolean incremental, String deleted, String... ids) {
      this.incremental = incremental;
      this.deleted = deleted;
      this.ids = ids;
    }

    @Override
    public String name() {
      return "scripted";
    }

    @Override
    public String type() {
      return "scripted";
    }

    @Override
    public String location() {
      return "memory";
    }

    @Override
    public void list(ListingListener listener) {
      list(listener, SyncState.inMemory());
    }

    @Override
    public void list(ListingListener listener, SyncState state) {
      if (incremental) {
        listener.incremental();
      }
      for (String id : ids) {
        listener.item(new SourceItem(id, "m-" + id, 1, Instant.EPOCH));
      }
      if (deleted != null) {
        listener.deleted(deleted);
      }
      state.save(state.load().map(s -> s + "+").orElse("after-1"));
      if (failAfterListing) {
        throw new SourceException(FailureCategory.SOURCE_UNAVAILABLE, "connection lost", null);
      }
    }

    @Override
    public FetchedContent fetch(String externalId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CheckResult check() {
      throw new UnsupportedOperationException();
    }
  }
}
