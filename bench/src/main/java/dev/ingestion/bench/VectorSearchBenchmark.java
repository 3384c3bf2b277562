package dev.ingestion.bench;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.embed.Embedder;
import dev.ingestion.embed.Vectors;
import dev.ingestion.ops.Operations;
import dev.ingestion.ops.OpsConfig;
import dev.ingestion.ops.alerts.AlertNotifier;
import dev.ingestion.ops.health.SystemResourceProbe;
import dev.ingestion.ops.health.WatchedPaths;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.search.SearchService;
import dev.ingestion.security.Role;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.server.ApiMetrics;
import dev.ingestion.server.ApiServer;
import dev.ingestion.server.OpsApi;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.SearchIndex;
import dev.ingestion.store.SearchRepository.Filters;
import dev.ingestion.store.sqlite.SqliteDialect;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * POST /search with embeddings on a large SQLite database: synthetic 384-dimension vectors in clusters
 * (as sentence embeddings are), {@code chunks} of them in documents of 100 chunks, written with plain
 * JDBC. It builds the HNSW index (timed), measures recall@10 of the index against the exact scan, then
 * the latency of POST /search (keyword + vector, fused) through the real API server, and of the exact
 * scan it replaces. The query's vector comes from a synthetic embedder (near a cluster centre), so the
 * figures are the index's and the API's, not the model's (embedding a query costs ~3 ms, see
 * EmbeddingBenchmark).
 *
 * <p>Usage: {@code VectorSearchBenchmark [chunks] [queries] [reuse]} (default 100000, 200; {@code reuse} keeps
 * the database and index of an earlier run of the same size instead of writing and building them again).
 */
public final class VectorSearchBenchmark {
  private static final int DIMS = 384;
  private static final int PER_DOC = 100;
  private static final int CLUSTERS = 2_000;
  private static final int WORDS = 20_000;
  private static final Pattern QUERY = Pattern.compile("q(\\d+)");

  private VectorSearchBenchmark() {}

  public static void main(String[] args) throws Exception {
    int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path out = Files.createDirectories(Path.of("bench/out/vectors").toAbsolutePath());
    Path file = out.resolve("vectors-" + chunks + ".db");
    boolean reuse = args.length > 2 && "reuse".equals(args[2]) && Files.exists(file);
    DatabaseConfig config = DatabaseConfig.sqlite("jdbc:sqlite:" + file);
    Random random = new Random(42);
    float[][] centres = new float[CLUSTERS][];
    for (int i = 0; i < CLUSTERS; i++) {
      centres[i] = gaussian(random, 1.0);
    }
    if (!reuse) {
      clean(file);
      Database.open(config, Clock.systemUTC()).close();
      long t0 = System.nanoTime();
      seed(file, chunks, centres, random);
      System.out.printf(Locale.ROOT, "%,d chunks of %d dimensions in %,d documents: written in %.1f s, database %,d MB%n",
          chunks, DIMS, chunks / PER_DOC, seconds(t0), Files.size(file) >> 20);
    }
    float[][] vectors = new float[queries][];
    for (int i = 0; i < queries; i++) {
      vectors[i] = near(centres[random.nextInt(CLUSTERS)], random, 0.5);
    }
    try (Database db = Database.open(config, Clock.systemUTC())) {
      long t1 = System.nanoTime();
      new SearchIndex(db).catchUp();
      System.out.printf(Locale.ROOT, "keyword index (FTS5) caught up in %.1f s%n", seconds(t1));
      Embedder embedder = new QueryEmbedder(vectors);
      measureIndex(db, embedder, vectors);
      measureApi(db, out, embedder, queries, random);
    }
    System.exit(0);
  }

  /** Builds the HNSW index, then recall@10 against the exact scan, and both rankings' latency. */
  private static void measureIndex(Database db, Embedder embedder, float[][] queries) {
    try (SearchService search = SearchService.over(db, Optional.of(embedder))) {
      if (!search.indexed()) {
        throw new IllegalStateException("the vector index could not be opened");
      }
      Filters none = new Filters(null, null);
      long t0 = System.nanoTime();
      search.nearest(queries[0], none, 10);
      System.out.printf(Locale.ROOT, "HNSW index brought up to date with the database in %.1f s%n", seconds(t0));
      double[] indexed = new double[queries.length];
      double[] scanned = new double[Math.min(20, queries.length)];
      int found = 0;
      for (int i = 0; i < queries.length; i++) {
        long s = System.nanoTime();
        List<Long> top = search.nearest(queries[i], none, 30);
        indexed[i] = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        Set<Long> exact = new HashSet<>(i < scanned.length ? search.scan(queries[i], none, 10) : List.of());
        if (i < scanned.length) {
          scanned[i] = (System.nanoTime() - s) / 1e6;
          found += (int) top.subList(0, Math.min(10, top.size())).stream().filter(exact::contains).count();
        }
      }
      System.out.printf(Locale.ROOT, "recall@10 of the index against the exact scan: %.3f (%d queries)%n",
          found / (10.0 * scanned.length), scanned.length);
      System.out.printf(Locale.ROOT, "vector ranking (top 30): index median %.1f ms, p95 %.1f ms; exact scan median"
          + " %.0f ms, p95 %.0f ms%n", pct(indexed, 0.5), pct(indexed, 0.95), pct(scanned, 0.5), pct(scanned, 0.95));
    }
  }

  /** POST /search through the real API server, keyword and vector rankings fused. */
  private static void measureApi(Database db, Path out, Embedder embedder, int queries, Random random)
      throws Exception {
    Pipeline pipeline = new Pipeline(db, PipelineConfig.defaults(), List.of(), new Pipeline.Extraction(
        new TikaDocumentParser(ParseLimits.DEFAULT), TikaDocumentParser::new, new RecursiveChunker(ChunkerConfig.DEFAULT),
        embedder, 32));
    try (Operations ops = new Operations(new Operations.Parts(db, pipeline, OpsConfig.defaults(), Map.of(),
        () -> WatchedPaths.of(db.config(), out, Path.of(System.getProperty("java.io.tmpdir")), List.of()),
        new SystemResourceProbe(), AlertNotifier.NONE, () -> { }));
        ApiMetrics metrics = new ApiMetrics(Clock.systemUTC())) {
      Security security = new Security(db, SecurityConfig.defaults(out), Clock.systemUTC());
      String key = security.users().create("bench-" + System.nanoTime(), Role.OPERATOR, "benchmark").key().key();
      try (ApiServer server = OpsApi.start(ops, security, metrics, "127.0.0.1", 0)) {
        HttpClient http = HttpClient.newHttpClient();
        String url = "http://127.0.0.1:" + server.port() + "/search";
        double[] ms = new double[queries];
        for (int round = 0; round < 2; round++) {
          for (int i = 0; i < queries; i++) {
            String body = "{\"query\": \"w" + random.nextInt(WORDS) + " q" + i + "\", \"k\": 10}";
            long s = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
            ms[i] = (System.nanoTime() - s) / 1e6;
            if (r.statusCode() != 200 || !r.body().contains("vector")) {
              throw new IllegalStateException("POST /search answered " + r.statusCode() + ": " + r.body());
            }
          }
        }
        System.out.printf(Locale.ROOT, "POST /search (keyword + vector, k 10), %d queries after a warm-up round:"
            + " median %.1f ms, p95 %.1f ms, max %.1f ms%n", queries, pct(ms, 0.5), pct(ms, 0.95), pct(ms, 1.0));
      }
    }
  }

  /** Plain JDBC in large transactions; one feed row per document, as the pipeline writes them. */
  private static void seed(Path file, int chunks, float[][] centres, Random random) throws SQLException {
    String now = SqliteDialect.format(java.time.Instant.now());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=OFF");
        st.execute("INSERT INTO sources (id, name, type, location, created_at, updated_at) VALUES (1, 'bench',"
            + " 'filesystem', '/nowhere', '" + now + "', '" + now + "')");
      }
      c.setAutoCommit(false);
      try (PreparedStatement doc = c.prepareStatement("""
              INSERT INTO documents (id, source_id, external_id, status, current_version_id, version_count, mime_type,
                                     created_at, updated_at) VALUES (?, 1, ?, 'completed', ?, 1, 'text/plain', ?, ?)""");
          PreparedStatement ver = c.prepareStatement("""
              INSERT INTO document_versions (id, document_id, version_no, content_hash, size_bytes, mime_type,
                                             char_count, chunk_count, created_at) VALUES (?, ?, 1, ?, 1000, 'text/plain', 1000, ?, ?)""");
          PreparedStatement chunk = c.prepareStatement("""
              INSERT INTO chunks (document_id, version_id, ordinal, text, start_offset, end_offset, content_hash, embedding)
              VALUES (?, ?, ?, ?, 0, 10, ?, ?)""");
          PreparedStatement feed = c.prepareStatement("""
              INSERT INTO chunk_changes (seq, kind, document_id, version_id, removed_chunks, created_at)
              VALUES (?, 'version', ?, ?, 0, ?)""")) {
        int docs = chunks / PER_DOC;
        for (int d = 1; d <= docs; d++) {
          doc.setLong(1, d);
          doc.setString(2, "doc-" + d + ".txt");
          doc.setLong(3, d);
          doc.setString(4, now);
          doc.setString(5, now);
          doc.addBatch();
          ver.setLong(1, d);
          ver.setLong(2, d);
          ver.setString(3, "h" + d);
          ver.setInt(4, PER_DOC);
          ver.setString(5, now);
          ver.addBatch();
          for (int o = 0; o < PER_DOC; o++) {
            chunk.setLong(1, d);
            chunk.setLong(2, d);
            chunk.setInt(3, o);
            chunk.setString(4, text(random));
            chunk.setString(5, d + "-" + o);
            chunk.setBytes(6, Vectors.encode(near(centres[random.nextInt(CLUSTERS)], random, 0.5)));
            chunk.addBatch();
          }
          feed.setLong(1, d);
          feed.setLong(2, d);
          feed.setLong(3, d);
          feed.setString(4, now);
          feed.addBatch();
          if (d % 100 == 0 || d == docs) {
            doc.executeBatch();
            ver.executeBatch();
            chunk.executeBatch();
            feed.executeBatch();
            c.commit();
          }
        }
      }
    }
  }

  private static String text(Random random) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      sb.append('w').append(random.nextInt(WORDS)).append(' ');
    }
    return sb.toString().trim();
  }

  /** Unit vectors around a centre, so neighbours are meaningful (random points in 384 dimensions are not). */
  private static float[] near(float[] centre, Random random, double spread) {
    float[] v = gaussian(random, spread);
    for (int i = 0; i < DIMS; i++) {
      v[i] += centre[i];
    }
    return unit(v);
  }

  private static float[] gaussian(Random random, double scale) {
    float[] v = new float[DIMS];
    for (int i = 0; i < DIMS; i++) {
      v[i] = (float) (random.nextGaussian() * scale);
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float f : v) {
      n += f * f;
    }
    float s = (float) (1 / Math.sqrt(n));
    for (int i = 0; i < v.length; i++) {
      v[i] *= s;
    }
    return v;
  }

  private static double pct(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void clean(Path file) throws IOException {
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    Path index = Path.of(file + ".vectors");
    if (Files.exists(index)) {
      try (Stream<Path> s = Files.walk(index)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** The query's vector is fixed per query number ({@code q<n>} in the text); anything else gets a new one. */
  private record QueryEmbedder(float[][] vectors) implements Embedder {
    @Override
    public String model() {
      return "synthetic";
    }

    @Override
    public int dimensions() {
      return DIMS;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      for (String t : texts) {
        Matcher m = QUERY.matcher(t);
        out.add(m.find() ? vectors[Integer.parseInt(m.group(1)) % vectors.length] : vectors[0]);
      }
      return out;
    }
  }
}
