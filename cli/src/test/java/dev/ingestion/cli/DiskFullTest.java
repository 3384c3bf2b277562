package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.testkit.Documents;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temp and log folders on a small tmpfs that fills up while {@code ingestion serve} runs: the
 * filesystem health check turns unhealthy and names the folder, a disk_space alert opens, documents
 * synced meanwhile are not lost, and when space returns health recovers and the alert resolves itself.
 * Needs root to mount the tmpfs (CI runs as root); elsewhere it is skipped.
 */
@ProcessTest
class DiskFullTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Path small;
  final HttpClient http = HttpClient.newHttpClient();
  /** The admin key the server wrote on its first start (data/admin-api-key). */
  String key;

  @BeforeEach
  void mount() throws Exception {
    assumeThat(new com.sun.security.auth.module.UnixSystem().getUid())
        .as("mounting a tmpfs needs root; run the suite as root (as CI does) to exercise a full disk").isZero();
    small = Files.createDirectories(dir.resolve("small"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", small.toString())
        .redirectErrorStream(true).start();
    String out = new String(mount.getInputStream().readAllBytes());
    assumeThat(mount.waitFor()).as("mount -t tmpfs failed (no CAP_SYS_ADMIN in this container?): " + out).isZero();
  }

  @AfterEach
  void unmount() throws Exception {
    if (small != null) {
      new ProcessBuilder("umount", "-l", small.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void a_full_temp_and_log_disk_is_unhealthy_and_alerted_and_recovers_when_space_returns() throws Exception {
    Path corpus = Files.createDirectories(dir.resolve("corpus"));
    for (int i = 0; i < 20; i++) {
      Documents.text(corpus.resolve("note-" + i + ".txt"), List.of("Note " + i + " about the quarterly audit."));
    }
    Files.writeString(dir.resolve("ingestion.yml"), """
        database:
          url: jdbc:sqlite:%s
        pipeline:
          concurrency: 1
          temp_dir: %s
        sources:
          - name: notes
            type: filesystem
            path: %s
        logging:
          dir: %s
        server:
          port: 0
        health:
          interval: 1s
        alerts:
          interval: 1s
          memory_percent: 100
          cpu_percent: 100
        """.formatted(dir.resolve("data/ingestion.db"), Files.createDirectories(small.resolve("tmp")), corpus,
        Files.createDirectories(small.resolve("logs"))));
    Process p = CliProcess.start(dir, "serve", "--config", dir.resolve("ingestion.yml").toString());
    try {
      String base = "http://127.0.0.1:" + CliProcess.awaitPort(dir.resolve("stderr.txt"), Duration.ofSeconds(120));
      key = Files.readString(dir.resolve("data/admin-api-key")).trim();
      await().atMost(Duration.ofSeconds(120)).until(() -> get(base + "/health").statusCode() == 200);
      Path filler = fill(small.resolve("tmp/filler.bin"));

      // a keyed health check may be up to a second old
      await().atMost(Duration.ofSeconds(10)).until(() -> get(base + "/health/filesystem").body().contains("\"unhealthy\""));
      HttpResponse<String> health = get(base + "/health/filesystem");
      assertThat(health.body()).as(health.body()).contains("\"unhealthy\"", "temp", small.resolve("tmp").toString());
      assertThat(get(base + "/health").body()).contains("unhealthy");
      await().atMost(Duration.ofSeconds(60)).until(() -> openDiskAlerts(base) > 0);

      HttpResponse<String> sync = post(base + "/sources/notes/sync?wait=true");
      assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);

      Files.delete(filler);
      await().atMost(Duration.ofSeconds(60)).until(() -> get(base + "/health/filesystem").body().contains("\"healthy\""));
      await().atMost(Duration.ofSeconds(60)).until(() -> openDiskAlerts(base) == 0);
      await().atMost(Duration.ofSeconds(180)).until(() -> get(base + "/stats").body().contains("\"completed\":20,"));
      JsonNode reconcile = JSON.readTree(get(base + "/reports/reconcile?source=notes").body());
      assertThat(reconcile.path("balanced").asBoolean()).as(reconcile.toString()).isTrue();
      assertThat(reconcile.path("sources").path(0).path("completed").asLong()).isEqualTo(20);
    } finally {
      p.destroy();
      p.waitFor(60, TimeUnit.SECONDS);
      p.destroyForcibly();
    }
  }

  /** Writes until the disk says no more; returns the file to delete to give the space back. */
  private static Path fill(Path file) {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException e) {
      assertThat(e.getMessage()).contains("No space left on device");
    }
    return file;
  }

  private long openDiskAlerts(String base) throws Exception {
    JsonNode alerts = JSON.readTree(get(base + "/alerts/active").body());
    long n = 0;
    for (JsonNode a : alerts.isArray() ? alerts : alerts.path("alerts")) {
      if (a.path("rule").asText().equals("disk_space")) {
        n++;
      }
    }
    return n;
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
        .POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

}
