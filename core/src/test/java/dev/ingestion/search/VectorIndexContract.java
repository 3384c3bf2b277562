package dev.ingestion.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.Vectors;
import dev.ingestion.model.Chunk;
import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.Job;
import dev.ingestion.model.JobOverrides;
import dev.ingestion.model.StageTimings;
import dev.ingestion.store.AttemptRecord;
import dev.ingestion.store.Database;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.NewVersion;
import dev.ingestion.store.ResultRepository;
import dev.ingestion.store.SearchRepository;
import dev.ingestion.store.SearchRepository.Filters;
import dev.ingestion.store.SinkStateRepository;
import dev.ingestion.store.SyncRepository;
import dev.ingestion.store.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HNSW index of a database's vectors, on each database: it ranks like the exact scan, follows new
 * versions and deletions through the change feed, and is rebuilt from the database when its folder is
 * missing. One subclass per database.
 */
public abstract class VectorIndexContract {
  protected static final int DIMS = 32;
  protected static final int CHUNKS = 10;

  @TempDir Path dir;
  protected final Random random = new Random(7);
  final List<float[]> centroids = new ArrayList<>();
  protected Database db;
  protected JobQueue queue;
  protected ResultRepository results;

  /** A fresh, empty database. */
  protected abstract Database openDatabase(Path dir);

  /** The folder the index of {@link #db} is kept in. */
  protected abstract Path folder();

  /** Opens the index of {@link #db} in its folder; empty when another process holds it. */
  protected abstract Optional<VectorIndex> openIndex();

  /** The name of the index's cursor row. */
  protected abstract String cursorName();

  @BeforeEach
  void open() {
    for (int i = 0; i < 20; i++) {
      centroids.add(gaussian(1.0));
    }
    db = openDatabase(dir);
    queue = new JobQueue(db);
    results = new ResultRepository(db, 2);
    TestDatabases.seed(db, 150, 3);
    completeAll();
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void the_index_ranks_like_an_exact_scan_and_follows_new_versions_and_deletions() {
    Optional<VectorIndex> index = openIndex();
    assertThat(index).isPresent();
    SearchService search = service(index);
    assertThat(search.indexed()).isTrue();
    assertThat(recallAt10(search)).isGreaterThanOrEqualTo(0.95);
    assertThat(index.get().count()).isEqualTo(150 * CHUNKS);

    for (long doc = 1; doc <= 20; doc++) {
      queue.enqueue(doc, "changed", 3, JobOverrides.NONE);
    }
    completeAll();
    new SyncRepository(db).markDeleted(List.of(30L, 31L));
    float[] deletedVector = Vectors.decode(db.withConnection(c -> db.sql(c).queryOne(
        "SELECT embedding FROM chunks WHERE document_id = 30 AND ordinal = 0", rs -> rs.getBytes(1)).orElseThrow()));
    List<Long> nearest = search.nearest(deletedVector, new Filters(null, null), 10);
    assertThat(nearest).doesNotContainAnyElementsOf(rowIdsOf(30));
    assertThat(index.get().count()).isEqualTo(148 * CHUNKS);
    assertThat(recallAt10(search)).isGreaterThanOrEqualTo(0.95);
    assertThat(search.nearest(deletedVector, new Filters("no-such-source", null), 10)).isEmpty();
    index.get().close();
  }

  @Test
  void a_missing_or_stale_index_is_rebuilt_from_the_database_and_a_second_process_scans() throws IOException {
    VectorIndex first = openIndex().orElseThrow();
    SearchService search = service(Optional.of(first));
    search.nearest(gaussian(1.0), new Filters(null, null), 10);
    assertThat(openIndex()).as("held by the first writer").isEmpty();
    first.close();

    deleteTree(folder());
    VectorIndex rebuilt = openIndex().orElseThrow();
    search = service(Optional.of(rebuilt));
    assertThat(recallAt10(search)).isGreaterThanOrEqualTo(0.95);
    assertThat(rebuilt.count()).isEqualTo(150 * CHUNKS);
    assertThat(new SinkStateRepository(db).load(cursorName()).lastResyncReason()).contains("emptied or replaced");

    rebuilt.close();
  }

  /** Every query's top 10 from the index equals the exact scan's (a small index is searched exhaustively). */
  @Test
  void the_top_hits_equal_the_exact_scans() {
    VectorIndex index = openIndex().orElseThrow();
    SearchService search = service(Optional.of(index));
    for (int i = 0; i < 30; i++) {
      float[] q = near(centroids.get(i % centroids.size()), 0.4);
      assertThat(search.nearest(q, new Filters(null, null), 10)).isEqualTo(search.scan(q, new Filters(null, null), 10));
    }
    index.close();
  }

  protected SearchService service(Optional<VectorIndex> index) {
    Embedder embedder = new Embedder() {
      @Override
      public String model() {
        return "test";
      }

      @Override
      public int dimensions() {
        return DIMS;
      }

      @Override
      public List<float[]> embed(List<String> texts) {
        return texts.stream().map(t -> gaussian(1.0)).toList();
      }
    };
    return new SearchService(new SearchRepository(db), Optional.of(embedder), db, index);
  }

  /** Top 10 of the index against the exact scan, averaged over queries near the data. */
  protected double recallAt10(SearchService search) {
    int found = 0;
    int queries = 30;
    for (int i = 0; i < queries; i++) {
      float[] q = near(centroids.get(i % centroids.size()), 0.4);
      Set<Long> exact = new HashSet<>(search.scan(q, new Filters(null, null), 10));
      found += (int) search.nearest(q, new Filters(null, null), 10).stream().filter(exact::contains).count();
    }
    return found / (10.0 * queries);
  }

  protected void completeAll() {
    List<Job> jobs;
    while (!(jobs = queue.claim("w", 10, Duration.ofMinutes(1))).isEmpty()) {
      for (Job job : jobs) {
        results.complete(job, new AttemptRecord("w", db.now(), "m", 10, StageTimings.NONE, null), version(job.id()));
      }
    }
  }

  protected NewVersion version(long jobId) {
    List<Chunk> chunks = new ArrayList<>();
    List<byte[]> vectors = new ArrayList<>();
    for (int i = 0; i < CHUNKS; i++) {
      chunks.add(new Chunk(i, "chunk " + jobId + " " + i, i * 10, i * 10 + 9, List.of(), null, jobId + "-" + i));
      vectors.add(Vectors.encode(near(centroids.get(random.nextInt(centroids.size())), 0.5)));
    }
    return new NewVersion("h" + jobId, 100, DocumentMetadata.unknown("text/plain"), 100, false, chunks)
        .withVectors(new NewVersion.Vectors(vectors, CHUNKS, 0));
  }

  protected List<Long> rowIdsOf(long documentId) {
    return db.withConnection(c -> db.sql(c).query("SELECT id FROM chunks WHERE document_id = ?", rs -> rs.getLong(1),
        documentId));
  }

  protected float[] near(float[] centre, double spread) {
    float[] noise = gaussian(spread);
    float[] out = new float[DIMS];
    for (int i = 0; i < DIMS; i++) {
      out[i] = centre[i] + noise[i];
    }
    return out;
  }

  protected float[] gaussian(double scale) {
    float[] v = new float[DIMS];
    for (int i = 0; i < DIMS; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  protected static void deleteTree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
