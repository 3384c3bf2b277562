package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.ProcessTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security surface as an operator meets it: `serve` with the shipped logging, the first admin key
 * file, `ingestion users` and `ingestion keys`, the runbook's security-review greps on the log folder,
 * and no key ever in a log file or in any answer but the one that created it.
 */
@ProcessTest
class SecuritySurfaceTest {
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> answers = new ArrayList<>();
  String base;

  @Test
  void users_keys_logs_and_the_runbook_security_review() throws Exception {
    Path logs = dir.resolve("logs");
    Path config = dir.resolve("ingestion.yml");
    Files.writeString(config, """
        database:
          url: jdbc:sqlite:%s
        logging:
          dir: %s
        server:
          port: 0
        """.formatted(dir.resolve("data/ingestion.db"), logs));
    Process p = CliProcess.startWithShippedLogging(dir, "serve", "--config", config.toString());
    List<String> keys = new ArrayList<>();
    try {
      base = "http://127.0.0.1:" + CliProcess.awaitPort(dir.resolve("stderr.txt"), Duration.ofSeconds(60));
      String admin = Files.readString(dir.resolve("data/admin-api-key")).trim();
      keys.add(admin);
      String[] created = cli("users", "create", "alice", "--role", "operator", "--config", config.toString());
      String alice = created[created.length - 1];
      keys.add(alice);
      assertThat(alice).matches("ingk_[A-Za-z0-9_-]{43}");
      assertThat(call("GET", "/me", alice, null).body()).contains("\"username\":\"alice\"", "\"role\":\"operator\"");
      assertThat(call("POST", "/admin/users/disable", alice, "{\"username\": \"admin\"}").statusCode()).isEqualTo(403);
      HttpResponse<String> viaApi = call("POST", "/admin/users/create", admin, "{\"username\": \"vic\", \"role\": \"viewer\"}");
      keys.add(viaApi.body().replaceAll(".*\"api_key\":\"([^\"]+)\".*", "$1"));
      for (int i = 0; i < 3; i++) {
        assertThat(call("GET", "/stats", "ingk_" + "z".repeat(43), null).statusCode()).isEqualTo(401);
      }
      call("GET", "/stats?period=../../etc/passwd", alice, null);
      cli("users", "disable", "alice", "--config", config.toString());
      assertThat(call("GET", "/me", alice, null).statusCode()).as("disabled from the CLI").isEqualTo(401);
      String[] issued = cli("keys", "create", "vic", "--expires-in", "7d", "--config", config.toString());
      keys.add(issued[issued.length - 1]);
      assertThat(String.join("\n", cli("keys", "list", "--config", config.toString()))).contains("vic", "alice");
      assertThat(call("POST", "/admin/keys/revoke", admin, "{\"id\": 4}").statusCode()).isEqualTo(200);
      assertThat(String.join("\n", cli("users", "list", "--config", config.toString()))).contains("disabled");
      for (String path : List.of("/admin/users", "/admin/keys", "/audit", "/metrics/security", "/me", "/health")) {
        assertThat(call("GET", path, admin, null).statusCode()).isEqualTo(200);
      }
    } finally {
      p.destroy();
      p.waitFor(60, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
    runbookReview(logs);
    noKeyAnywhere(keys, logs);
  }

  private void runbookReview(Path logs) throws Exception {
    // The runbook's Daily Security Review, with its log folder swapped for this test's.
    assertThat(sh("grep \"authentication\" " + logs + "/security.log | tail -50")).contains("authentication failed");
    assertThat(sh("grep \"failed\" " + logs + "/auth.log | tail -20")).contains("reason=unknown API key", "user=alice");
    assertThat(sh("tail -100 " + logs + "/access.log | grep -E \"(POST|PUT|DELETE)\"")).contains("/admin/users/create");
    assertThat(sh("grep -E \"(\\.\\.\\/|script|union|select)\" " + logs + "/access.log")).contains("../../etc/passwd");
    assertThat(Files.readString(logs.resolve("security.log"))).contains("suspicious request", "user alice from 127.0.0.1: user disabled", "revoked by admin",
        "role denied: user alice", "admin action by admin");
  }

  private void noKeyAnywhere(List<String> keys, Path logs) throws IOException {
    assertThat(keys).hasSize(4).allMatch(k -> k.matches("ingk_[A-Za-z0-9_-]{43}"));
    List<Path> files = new ArrayList<>(List.of(dir.resolve("stderr.txt")));
    try (Stream<Path> s = Files.list(logs)) {
      s.forEach(files::add);
    }
    assertThat(files).extracting(f -> f.getFileName().toString()).contains("auth.log", "security.log", "access.log",
        "application.log");
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.ISO_8859_1);
      keys.forEach(k -> assertThat(text).as("%s holds no key", f.getFileName()).doesNotContain(k)
          .doesNotContain(k.substring(12)));
    }
    for (String answer : answers) {
      assertThat(answer).doesNotContainPattern("\"(?!api_key)[a-z_]+\":\"ingk_[A-Za-z0-9_-]{43}\"");
    }
    assertThat(answers.stream().filter(a -> a.contains("\"api_key\"")).count()).as("only the creating answer").isEqualTo(1);
  }

  private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key);
    b = method.equals("GET") ? b.GET() : b.header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    answers.add(r.body());
    return r;
  }

  private static String[] cli(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8).strip().split("\n");
  }

  private static String sh(String command) throws Exception {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
