package dev.ingestion.bench;

import dev.ingestion.chunk.ChunkerConfig;
import dev.ingestion.chunk.RecursiveChunker;
import dev.ingestion.ops.Operations;
import dev.ingestion.ops.OpsConfig;
import dev.ingestion.ops.alerts.AlertNotifier;
import dev.ingestion.ops.health.SystemResourceProbe;
import dev.ingestion.ops.health.WatchedPaths;
import dev.ingestion.parse.ParseLimits;
import dev.ingestion.parse.TikaDocumentParser;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.security.Role;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.server.ApiMetrics;
import dev.ingestion.server.ApiServer;
import dev.ingestion.server.OpsApi;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.store.sqlite.SqliteDialect;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Latency of the operations API on a big database: {@code documents} documents (default 1,000,000)
 * with as many attempts over 30 days, versions for the completed ones, and {@code deadLetters}
 * dead-letter items (default 50,000). Seeds SQLite directly (triggers on, as in production), folds the
 * counters, starts the real server and times each endpoint over HTTP. Prints a Markdown table.
 *
 * <p>Usage: OpsApiBenchmark [documents] [deadLetters] [outDir]
 */
public final class OpsApiBenchmark {
  private static final String[] CATEGORIES = {"corrupt", "encrypted", "empty", "unsupported_format", "parse_timeout",
      "too_large", "source_unavailable", "permission_denied"};
  private static final String[] PRIORITIES = {"critical", "high", "medium", "low"};
  private static final List<String> ENDPOINTS = List.of("/health", "/health/database", "/health/filesystem", "/stats",
      "/stats?period=24h", "/stats?period=30d", "/metrics/error_rate", "/metrics/processing_time", "/metrics/growth",
      "/metrics", "/dlq/stats", "/dlq/pending?limit=10", "/dlq/aging", "/dlq/reviews", "/documents/slow?threshold=30000",
      "/documents/failed?limit=20", "/errors/categories", "/alerts/active", "/sources", "/reports/performance",
      "/reports/capacity", "/metrics/throughput?period=24h", "/metrics/throughput?period=31d", "/documents?limit=25",
      "/documents?status=dead_letter&limit=25", "/documents?status=failed&before=500000&limit=25",
      "/documents?q=doc-99999&limit=25", "/documents?q=no-such-path&limit=25",
      "/documents?q=doc-1&status=failed&source=bench&before=500000&limit=25");

  private OpsApiBenchmark() {}

  public static void main(String[] args) throws Exception {
    int documents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int deadLetters = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    Path out = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "bench/out"));
    Path file = out.resolve("ops-api.db");
    for (String suffix : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(file + suffix));
    }
    DatabaseConfig config = DatabaseConfig.sqlite("jdbc:sqlite:" + file);
    Database.open(config, Clock.systemUTC()).close();
    long t0 = System.nanoTime();
    seed(file, documents, deadLetters);
    System.out.printf(Locale.ROOT, "seeded %,d documents, %,d attempts, %,d dead letters in %.1f s%n", documents,
        documents, deadLetters, (System.nanoTime() - t0) / 1e9);
    try (Database db = Database.open(config, Clock.systemUTC())) {
      Pipeline pipeline = new Pipeline(db, PipelineConfig.defaults(), List.of(), new Pipeline.Extraction(
          new TikaDocumentParser(ParseLimits.DEFAULT), TikaDocumentParser::new, new RecursiveChunker(ChunkerConfig.DEFAULT)));
      try (Operations ops = new Operations(new Operations.Parts(db, pipeline, OpsConfig.defaults(), Map.of(),
          () -> WatchedPaths.of(config, out, Path.of(System.getProperty("java.io.tmpdir")), List.of()),
          new SystemResourceProbe(), AlertNotifier.NONE, () -> { }));
          ApiMetrics metrics = new ApiMetrics(Clock.systemUTC())) {
        Security security = new Security(db, SecurityConfig.defaults(out), Clock.systemUTC());
        String key = security.users().create("bench", Role.VIEWER, "benchmark").key().key();
        try (ApiServer server = OpsApi.start(ops, security, metrics, "127.0.0.1", 0)) {
          long t1 = System.nanoTime();
          long folded = ops.compactCounters();
          System.out.printf(Locale.ROOT, "folded %,d counter deltas in %.1f s; database %,d MB%n", folded,
              (System.nanoTime() - t1) / 1e9, Files.size(file) >> 20);
          ops.alertEvaluator().evaluate();
          measure("http://127.0.0.1:" + server.port(), key);
        }
      }
    }
  }

  /** Every request authenticates with {@code key}: the figures include the per-request key lookup. */
  private static void measure(String base, String key) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    System.out.println();
    System.out.println("| endpoint | median ms | p95 ms | max ms | bytes |");
    System.out.println("| --- | ---: | ---: | ---: | ---: |");
    for (String endpoint : ENDPOINTS) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + endpoint)).GET()
          .header("Authorization", "Bearer " + key).build();
      int size = 0;
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
          throw new IllegalStateException(endpoint + " answered " + r.statusCode() + ": " + r.body());
        }
        size = r.body().length();
      }
      double[] ms = new double[30];
      for (int i = 0; i < ms.length; i++) {
        long s = System.nanoTime();
        http.send(request, HttpResponse.BodyHandlers.ofString());
        ms[i] = (System.nanoTime() - s) / 1e6;
      }
      Arrays.sort(ms);
      System.out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %,d |%n", endpoint, ms[ms.length / 2],
          ms[(int) Math.ceil(0.95 * ms.length) - 1], ms[ms.length - 1], size);
    }
  }

  /** Plain JDBC batches in large transactions: the fastest honest way to make a big database. */
  private static void seed(Path file, int documents, int deadLetters) throws SQLException {
    Random random = new Random(42);
    Instant now = Instant.now();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=OFF");
      }
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.executeUpdate("INSERT INTO sources (name, type, location, created_at, updated_at) VALUES"
            + " ('bench', 'filesystem', '/bench', '" + ts(now) + "', '" + ts(now) + "')");
      }
      seedDocuments(c, documents, now, random);
      seedDeadLetters(c, documents, deadLetters, now, random);
      c.commit();
    }
  }

  private static void seedDocuments(Connection c, int n, Instant now, Random random) throws SQLException {
    try (PreparedStatement doc = c.prepareStatement("""
            INSERT INTO documents (id, source_id, external_id, status, size_bytes, current_version_id, version_count,
                                   processing_ms, created_at, updated_at, completed_at)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        PreparedStatement version = c.prepareStatement("""
            INSERT INTO document_versions (id, document_id, version_no, content_hash, size_bytes, char_count, chunk_count,
                                           created_at)
            VALUES (?, ?, 1, ?, ?, ?, 5, ?)""");
        PreparedStatement job = c.prepareStatement("""
            INSERT INTO jobs (document_id, status, reason, attempts, max_attempts, run_after, created_at, updated_at)
            VALUES (?, ?, 'new', 1, 3, ?, ?, ?)""");
        PreparedStatement attempt = c.prepareStatement("""
            INSERT INTO attempts (job_id, document_id, attempt_no, worker_id, started_at, finished_at, duration_ms, outcome,
                                  category, bytes, fetch_ms, parse_ms, chunk_ms, store_ms)
            VALUES (?, ?, 1, 'bench', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (int i = 1; i <= n; i++) {
        int roll = random.nextInt(100);
        String status = roll < 90 ? "completed" : roll < 95 ? "dead_letter" : roll < 98 ? "pending" : "failed";
        Instant created = now.minus(Duration.ofSeconds((long) random.nextInt(30 * 86_400)));
        long size = 1_000 + random.nextInt(2_000_000);
        long ms = 50 + (long) Math.abs(random.nextGaussian() * 2_000);
        boolean completed = status.equals("completed");
        bind(doc, i, "doc-" + i, status, size, completed ? (long) i : null, completed ? 1 : 0, completed ? ms : null,
            ts(created), ts(created.plusMillis(ms)), completed ? ts(created.plusMillis(ms)) : null);
        doc.addBatch();
        if (completed) {
          bind(version, i, i, "hash-" + i, size, size / 3, ts(created.plusMillis(ms)));
          version.addBatch();
        }
        String jobStatus = status.equals("pending") ? "queued" : status.equals("failed") ? "queued"
            : completed ? "done" : "dead";
        bind(job, i, jobStatus, ts(created), ts(created), ts(created));
        job.addBatch();
        if (!status.equals("pending")) {
          String outcome = completed ? "completed" : status.equals("failed") ? "retry_scheduled" : "dead_letter";
          bind(attempt, i, i, ts(created), ts(created.plusMillis(ms)), ms, outcome,
              completed ? null : CATEGORIES[random.nextInt(CATEGORIES.length)], size, ms / 20, ms * 8 / 10, ms / 20,
              ms / 10);
          attempt.addBatch();
        }
        if (i % 10_000 == 0) {
          doc.executeBatch();
          version.executeBatch();
          job.executeBatch();
          attempt.executeBatch();
        }
        if (i % 100_000 == 0) {
          c.commit();
        }
      }
      doc.executeBatch();
      version.executeBatch();
      job.executeBatch();
      attempt.executeBatch();
    }
  }

  private static void seedDeadLetters(Connection c, int documents, int n, Instant now, Random random)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("""
        INSERT INTO dead_letters (document_id, source_id, source_ref, stage, category, retryable, message, attempts,
               first_failure_at, last_failure_at, priority, status, assignee, created_at, updated_at, resolved_at)
        VALUES (?, 1, ?, 'parse', ?, ?, 'failed to parse', 3, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (int i = 0; i < n; i++) {
        int roll = random.nextInt(100);
        String status = roll < 80 ? "pending" : roll < 90 ? "in_review" : roll < 92 ? "retrying" : roll < 97 ? "resolved"
            : "discarded";
        boolean open = roll < 92;
        Instant created = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
        String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
        // Open items each need their own document (one open item per document).
        long documentId = open ? i + 1 : 1 + random.nextInt(documents);
        bind(ps, documentId, "bench:doc-" + documentId, category, category.equals("source_unavailable"), ts(created),
            ts(created), PRIORITIES[random.nextInt(PRIORITIES.length)], status,
            status.equals("in_review") ? "reviewer-" + random.nextInt(8) : null, ts(created), ts(created),
            open ? null : ts(created.plusSeconds(3_600)));
        ps.addBatch();
        if (i % 10_000 == 0) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    }
  }

  private static void bind(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  private static String ts(Instant instant) {
    return SqliteDialect.format(instant);
  }
}
