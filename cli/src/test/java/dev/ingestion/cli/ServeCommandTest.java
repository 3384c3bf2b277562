package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ingestion serve` as an operator runs it: a child process, HTTP, SIGTERM. */
@ProcessTest
class ServeCommandTest {

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  /** The admin key the first start wrote to data/admin-api-key. */
  String key;

  @Test
  void serve_answers_the_api_syncs_on_demand_and_drains_on_sigterm() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    Documents.text(corpus.resolve("a.txt"), List.of("First note."));
    Documents.corruptPdf(corpus.resolve("broken.pdf"));
    Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
        sources:
          - name: notes
            type: filesystem
            path: %s
        logging:
          dir: %s
        server:
          port: 0
        """.formatted(dir.resolve("data/ingestion.db"), corpus, dir.resolve("logs")));
    Process p = CliProcess.start(dir, "serve", "--config", dir.resolve("ingestion.yml").toString());
    try {
      int port = CliProcess.awaitPort(dir.resolve("stderr.txt"), Duration.ofSeconds(60));
      String base = "http://127.0.0.1:" + port;
      Path keyFile = dir.resolve("data/admin-api-key");
      assertThat(Files.getPosixFilePermissions(keyFile)).as("readable by its owner only")
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      key = Files.readString(keyFile).trim();
      assertThat(key).startsWith("ingk_");
      HttpResponse<String> health = get(base + "/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      HttpResponse<String> sync = http.send(HttpRequest.newBuilder(URI.create(base + "/sources/notes/sync?wait=true"))
          .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);
      assertThat(sync.body()).contains("\"added\":2");
      await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/stats").body().contains("\"completed\":1,"));
      // The two documents finish in either order: the dead letter may land after the completed one.
      await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/dlq/stats").body().contains("\"corrupt\":1"));
      assertThat(get(base + "/sources").body()).contains("\"trigger\":\"api\"", "\"status\":\"completed\"");
      p.destroy();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
      assertThat(Files.readString(dir.resolve("stdout.txt"))).contains("stopped; 0 unfinished job(s) handed back");
    } finally {
      p.destroyForcibly();
    }
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

}
