package dev.ingestion.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.ops.Operations;
import dev.ingestion.ops.OpsConfig;
import dev.ingestion.ops.alerts.AlertConfig;
import dev.ingestion.ops.alerts.AlertNotifier;
import dev.ingestion.ops.health.HealthConfig;
import dev.ingestion.ops.health.SystemResourceProbe;
import dev.ingestion.ops.health.WatchedPaths;
import dev.ingestion.ops.sources.Schedule;
import dev.ingestion.pipeline.Pipeline;
import dev.ingestion.pipeline.PipelineConfig;
import dev.ingestion.pipeline.PipelineFixture;
import dev.ingestion.security.Role;
import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.source.Source;
import dev.ingestion.source.fs.FileSystemSource;
import dev.ingestion.source.fs.FileSystemSourceConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.Documents.Section;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real API server on a random port over a real SQLite database that the real pipeline has filled:
 * documents completed, and a corrupt, an encrypted and an empty file dead-lettered.
 */
final class OpsTestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final Path corpus;
  final Database db;
  final Pipeline pipeline;
  final Operations ops;
  final ApiMetrics metrics;
  final Security security;
  final ApiServer server;
  /** An admin's API key; every request made through this class carries it unless it names another. */
  final String adminKey;
  private final String scheme;
  final HttpClient http;

  record Response(int status, String body, JsonNode json) {}

  OpsTestServer(Path dir, Clock clock) throws IOException {
    this(dir, clock, List.of());
  }

  /** With {@code extra} sources configured beside the "handbook" folder. */
  OpsTestServer(Path dir, Clock clock, List<Source> extra) throws IOException {
    this(dir, clock, extra, lenient(dir), TlsConfig.NONE, HttpClient.newHttpClient());
  }

  /**
   * Throttling far above what a test sends, so a test making many bad requests on purpose sees 401s
   * (the throttle has its own test).
   */
  static SecurityConfig lenient(Path dir) {
    SecurityConfig d = SecurityConfig.defaults(dir.resolve("data"));
    return new SecurityConfig(1_000_000, d.failureWindow(), d.throttleFor(), d.adminKeyFile(), d.alertFailedAuths(),
        d.alertSuspicious(), d.alertWindow());
  }

  /** With its own security settings, TLS, and the HTTP client to call it with. */
  OpsTestServer(Path dir, Clock clock, List<Source> extra, SecurityConfig securityConfig, TlsConfig tls, HttpClient http)
      throws IOException {
    this.http = http;
    this.dir = dir;
    this.corpus = Files.createDirectories(dir.resolve("corpus"));
    Files.createDirectories(dir.resolve("logs"));
    writeCorpus(corpus);
    DatabaseConfig dbConfig = DatabaseConfig.sqlite("jdbc:sqlite:" + dir.resolve("data/ingestion.db"));
    this.db = Database.open(dbConfig, clock);
    PipelineConfig pc = PipelineConfig.defaults().withConcurrency(2).withRetry(1, Duration.ofMillis(10), Duration.ofMillis(20));
    List<Source> sources = new java.util.ArrayList<>(List.of(new FileSystemSource("handbook",
        FileSystemSourceConfig.of(corpus))));
    sources.addAll(extra);
    this.pipeline = PipelineFixture.pipeline(db, pc, sources);
    AlertConfig a = AlertConfig.defaults();
    // Thresholds that make the test deterministic: no disk, CPU or memory alerts on a busy machine; the DLQ
    // backlog alert fires as soon as an item is open.
    AlertConfig alerts = new AlertConfig(a.interval(), a.errorRateWindow(), a.errorRateHigh(), a.errorRateCritical(),
        a.minAttempts(), 1, a.p95Max(), 0, 101, 101, a.stallAfter(), Map.of());
    OpsConfig d = OpsConfig.defaults();
    OpsConfig config = new OpsConfig(new HealthConfig(1, 0.5, Duration.ofMinutes(1)), alerts, d.dlq(), d.retention(),
        d.sampleInterval(), d.compactInterval());
    this.ops = new Operations(new Operations.Parts(db, pipeline, config,
        Map.of("handbook", Schedule.parse("schedule", "every 15m")),
        () -> WatchedPaths.of(dbConfig, dir.resolve("logs"), Path.of(System.getProperty("java.io.tmpdir")), sources), new SystemResourceProbe(), AlertNotifier.NONE,
        () -> { }));
    this.metrics = new ApiMetrics(clock);
    this.security = new Security(db, securityConfig, clock);
    ops.alertRules().add(security.alertRules());
    this.adminKey = security.users().create("test-admin", Role.ADMIN, "test").key().key();
    this.server = OpsApi.start(ops, security, metrics, new ApiServer.Options("127.0.0.1", 0, tls));
    this.scheme = tls.enabled() ? "https" : "http";
  }

  static void writeCorpus(Path corpus) throws IOException {
    List<Section> sections = List.of(new Section("Scope", List.of("This policy applies to everyone.")),
        new Section("Rules", List.of("Follow the rules. Report problems.")));
    Documents.pdf(corpus.resolve("report.pdf"), List.of("Quarterly report page one.", "Page two."));
    Documents.docx(corpus.resolve("policy.docx"), "Policy", sections);
    Documents.html(corpus.resolve("page.html"), "Page", sections);
    Documents.text(corpus.resolve("note.txt"), List.of("A plain note."));
    Documents.markdown(corpus.resolve("guide.md"), "Guide", sections);
    Files.createDirectories(corpus.resolve("bad"));
    Documents.corruptPdf(corpus.resolve("bad/corrupt.pdf"));
    Documents.encryptedPdf(corpus.resolve("bad/locked.pdf"));
    Documents.empty(corpus.resolve("bad/empty.txt"));
  }

  /** Lists the source and processes everything queued, with a real worker. */
  void ingest() {
    for (Source s : pipeline.sources().configured()) {
      pipeline.discover(s, "test", null);
    }
    PipelineFixture.drain(pipeline, Duration.ofSeconds(60));
  }

  String base() {
    return scheme + "://127.0.0.1:" + server.port();
  }

  Response get(String path) {
    return get(path, adminKey);
  }

  /** GET with {@code key} (none when null). */
  Response get(String path, String key) {
    return sendRaw(withKey(HttpRequest.newBuilder(URI.create(base() + path)).GET(), key).build());
  }

  Response post(String path, String body) {
    return post(path, body, adminKey);
  }

  /** POST with {@code key} (none when null). */
  Response post(String path, String body, String key) {
    return sendRaw(withKey(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", "application/json")
        .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), key)
        .build());
  }

  private static HttpRequest.Builder withKey(HttpRequest.Builder b, String key) {
    return key == null ? b : b.header("Authorization", "Bearer " + key);
  }

  /** Sends {@code request} with the admin key added unless it carries an Authorization header. */
  Response send(HttpRequest request) {
    if (request.headers().firstValue("Authorization").isPresent()) {
      return sendRaw(request);
    }
    return sendRaw(HttpRequest.newBuilder(request, (n, v) -> true).header("Authorization", "Bearer " + adminKey).build());
  }

  /** Sends {@code request} as it is. */
  Response sendRaw(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String type = r.headers().firstValue("Content-Type").orElse("");
      if (type.contains("json")) {
        json = JSON.readTree(r.body());
      }
      return new Response(r.statusCode(), r.body(), json);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    ops.close();
    metrics.close();
    db.close();
  }
}
