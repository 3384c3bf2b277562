package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink contract with real processes against a real search engine node: `ingestion sink run` killed
 * with SIGKILL mid-run and run again, documents edited and deleted while `serve` follows the feed into
 * the target, the database restored from an older backup. After each step the target holds exactly
 * {@code current_chunks}, and GET /sinks and /metrics report the sink. A subclass per engine.
 */
abstract class SinkProcessContract {
  protected static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  protected final HttpClient http = HttpClient.newHttpClient();
  Path corpus;
  Path db;
  Path config;

  /**
   * The engine's keys of the sink's section ({@code type}, {@code url}, the index or core, a
   * {@code batch_size} small enough that the kill lands mid-run), one per line.
   */
  protected abstract String target() throws Exception;

  /** Chunk id to text of every chunk the target holds (after making the last writes visible). */
  protected abstract Map<String, String> targetTexts() throws Exception;

  /** One document of the target whose path ends with {@code suffix}. */
  protected abstract JsonNode document(String suffix) throws Exception;

  @Test
  void the_target_equals_the_current_chunks_after_a_kill_edits_deletes_and_a_restore() throws Exception {
    corpus = Files.createDirectories(dir.resolve("corpus"));
    db = dir.resolve("data/ingestion.db");
    writeCorpus(30, new Random(3));
    config = Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
        sources:
          - name: docs
            type: filesystem
            path: %s
        pipeline:
          concurrency: 2
          parse:
            isolation: in_process
        logging:
          dir: %s
        server:
          port: 0
        sinks:
          - name: search
            poll_interval: 200ms
            max_backoff: 2s
        %s""".formatted(db, corpus, dir.resolve("logs"), target().indent(4)));
    assertThat(run("ingest", "--no-progress")).isZero();
    Path backup = dir.resolve("backup.db");
    assertThat(run("backup", backup.toString())).isZero();

    Process sink = CliProcess.start(dir, "sink", "run", "search", "--config", config.toString());
    long applied = awaitApplied(sink);
    sink.destroyForcibly();
    assertThat(sink.waitFor(30, TimeUnit.SECONDS)).isTrue();
    long head = count("SELECT max(seq) FROM chunk_changes");
    assertThat(cursorSeq()).as("killed mid-run (%d changes applied)", applied).isLessThan(head);

    assertThat(run("sink", "run", "search", "--once")).as(stderr()).isZero();
    assertThat(targetTexts()).isEqualTo(currentChunks()).isNotEmpty();

    editAndDelete(new Random(8));
    assertThat(run("ingest", "--no-progress")).isZero();
    followWithServe();
    assertThat(targetTexts()).isEqualTo(currentChunks());

    assertThat(run("restore", backup.toString(), "--force")).as(stderr()).isZero();
    writeCorpus(36, new Random(4));
    assertThat(run("ingest", "--no-progress")).isZero();
    assertThat(run("sink", "run", "search", "--once")).as(stderr()).isZero();
    assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("rebuilt from the start of the feed");
    assertThat(targetTexts()).isEqualTo(currentChunks());
    JsonNode doc = document("doc-1.md");
    assertThat(doc.path("source").asText()).isEqualTo("docs");
    assertThat(doc.path("heading_path").get(0).asText()).isEqualTo("# Document 1");
    assertThat(doc.path("mime_type").asText()).startsWith("text/");
  }

  /** `serve` runs the sink beside the API: it writes the edits, and GET /sinks and /metrics show it. */
  private void followWithServe() throws Exception {
    Process serve = CliProcess.start(dir, "serve", "--config", config.toString());
    try {
      int port = CliProcess.awaitPort(dir.resolve("stderr.txt"), Duration.ofSeconds(60));
      String key = Files.readString(dir.resolve("data/admin-api-key")).trim();
      String base = "http://127.0.0.1:" + port;
      await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> {
        JsonNode s = JSON.readTree(get(base + "/sinks", key).body()).path("sinks").get(0);
        return s.path("lag").asLong() == 0 && "caught_up".equals(s.path("state").asText());
      });
      JsonNode s = JSON.readTree(get(base + "/sinks", key).body()).path("sinks").get(0);
      assertThat(s.path("name").asText()).isEqualTo("search");
      assertThat(s.path("applied_changes").asLong()).isPositive();
      assertThat(s.path("last_error").isNull()).isTrue();
      assertThat(get(base + "/metrics", key).body()).contains("ingestion_sink_lag{sink=\"search\"} 0.0");
      assertThat(get(base + "/sinks/nope/rejections", key).statusCode()).isEqualTo(404);
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private long awaitApplied(Process p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline && p.isAlive()) {
      try {
        long applied = count("SELECT coalesce(max(applied_changes), 0) FROM sink_state");
        if (applied > 0) {
          return applied;
        }
      } catch (RuntimeException e) {
        // the database may be busy for an instant
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the sink never wrote a batch: " + stderr());
  }

  private void writeCorpus(int docs, Random random) throws IOException {
    String[] words = "ledger invoice policy retention schema archive payroll audit vendor contract".split(" ");
    for (int i = 0; i < docs; i++) {
      StringBuilder text = new StringBuilder("# Document " + i + "\n\n");
      for (int p = 0; p < 2 + random.nextInt(8); p++) {
        text.append("## Part ").append(p).append("\n\n");
        for (int w = 0; w < 60 + random.nextInt(60); w++) {
          text.append(words[random.nextInt(words.length)]).append(w % 12 == 11 ? ". " : " ");
        }
        text.append("\n\n");
      }
      Files.writeString(corpus.resolve("doc-" + i + ".md"), text);
    }
  }

  private void editAndDelete(Random random) throws IOException {
    List<Path> files;
    try (var s = Files.list(corpus)) {
      files = s.sorted().toList();
    }
    for (int i = 0; i < 10; i++) {
      Files.writeString(files.get(random.nextInt(files.size())), "\n\nAn edited paragraph " + i + ".\n",
          StandardOpenOption.APPEND);
    }
    for (Path f : files.subList(files.size() - 5, files.size())) {
      Files.delete(f);
    }
  }

  private int run(String... args) throws Exception {
    String[] full = new String[args.length + 2];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--config";
    full[args.length + 1] = config.toString();
    Process p = CliProcess.start(dir, full);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
    return p.exitValue();
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("stderr.txt"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  private long cursorSeq() {
    return Long.parseLong(query("SELECT feed_cursor FROM sink_state WHERE name = 'search'").split(":")[0]);
  }

  private HttpResponse<String> get(String url, String key) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Map<String, String> currentChunks() {
    try (Database d = open()) {
      return Processes.currentChunks(d);
    }
  }

  private long count(String sql) {
    try (Database d = open()) {
      return d.withConnection(c -> d.sql(c).queryLong(sql));
    }
  }

  private String query(String sql) {
    try (Database d = open()) {
      return d.withConnection(c -> d.sql(c).queryOne(sql, rs -> rs.getString(1)).orElseThrow());
    }
  }

  private Database open() {
    return Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC());
  }
}
