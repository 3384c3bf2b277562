package dev.ingestion.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image Jib wrote to target/ingestion-VERSION-image.tar (the format {@code docker load} reads):
 * its configuration, its files, and, where this test may (as root), the image run the way a container runtime
 * runs it without one: its layers unpacked, /proc and the basic devices mounted in a private mount namespace, chroot into
 * it as the image's user, with the image's environment and nothing else.
 */
@ProcessTest
class ImageTest {
  private static final Map<String, String> HOST = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");

  @TempDir static Path dir;
  static JsonNode config;
  static Path rootfs;

  @BeforeAll
  static void unpack() throws Exception {
    Assumptions.assumeFalse(Installed.imageSkipped(), "built with -Dimage.skip=true");
    Path image = Installed.image();
    assertThat(image).as("built in the package phase").isRegularFile();
    Path blobs = Files.createDirectories(dir.resolve("image"));
    Installed.Result untar = Installed.run(blobs, HOST, "tar", "--warning=no-unknown-keyword", "-xf",
        image.toString());
    assertThat(untar.exit()).as(untar.all()).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode manifest = json.readTree(blobs.resolve("manifest.json").toFile()).get(0);
    config = json.readTree(blobs.resolve(manifest.path("Config").asText()).toFile()).path("config");
    rootfs = Files.createDirectories(dir.resolve("rootfs"));
    for (JsonNode layer : manifest.path("Layers")) {
      Installed.Result r = Installed.run(blobs, HOST, "tar", "--warning=no-unknown-keyword", "-xzf",
          blobs.resolve(layer.asText()).toString(), "-C", rootfs.toString());
      assertThat(r.exit()).as(r.all()).isZero();
    }
  }

  @Test
  void the_entrypoint_is_ingestion_and_the_user_is_not_root() {
    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(e -> entrypoint.add(e.asText()));
    assertThat(entrypoint).containsExactly("/opt/ingestion/bin/ingestion");
    String user = config.path("User").asText();
    assertThat(user).as("numeric, so that Kubernetes' runAsNonRoot can check it").matches("\\d+:\\d+");
    assertThat(user.split(":")[0]).isNotEqualTo("0");
    assertThat(user.split(":")[1]).isNotEqualTo("0");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/var/data/ingestion");
    assertThat(config.path("Env").toString()).contains("JAVA_HOME=/opt/java");
    assertThat(config.path("ExposedPorts").has("8080/tcp")).isTrue();
  }

  @Test
  void the_image_holds_the_launcher_a_java_runtime_without_javac_and_the_jars() throws IOException {
    assertThat(rootfs.resolve("opt/ingestion/bin/ingestion")).isExecutable();
    assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
    assertThat(rootfs.resolve("opt/java/bin/javac")).doesNotExist();
    assertThat(rootfs.resolve("opt/ingestion/libs")).isDirectoryContaining("glob:**/ingestion-cli*.jar")
        .isDirectoryContaining("glob:**/tika-core-*.jar");
    assertThat(Files.readString(rootfs.resolve("etc/passwd")))
        .contains("ingestion:x:10001:10001:").doesNotContain("/bin/sh\n", "/bin/bash");
  }

  @Test
  void the_entrypoint_runs_as_its_user_on_the_image_files_alone() throws Exception {
    Assumptions.assumeTrue(Installed.run(dir, HOST, "unshare", "--mount", "--pid", "--fork", "chroot", "/", "true")
        .exit() == 0, "no mount namespace or chroot here (not root): the image was checked by its configuration "
            + "and files only");
    // From the image's WorkingDir, as a container runtime starts it (logs/ is created there).
    Installed.Result version = inContainer("/bin/sh", "-c", "cd /var/data/ingestion && exec /opt/ingestion/bin/ingestion --version");
    assertThat(version.exit()).as(version.all()).isZero();
    assertThat(version.stdout()).startsWith("ingestion ");

    // a real ingest: parser child processes, SQLite's native library, Tika, all from the image
    Path in = Files.createDirectories(rootfs.resolve("var/data/ingestion/in"));
    Files.writeString(in.resolve("page.html"), "<html><body><h1>Title</h1><p>Some text.</p></body></html>\n");
    Installed.Result ingest = inContainer("/bin/sh", "-c", "cd /var/data/ingestion && exec ingestion ingest --no-progress --concurrency 1 in");
    assertThat(ingest.exit()).as(ingest.all()).isZero();
    assertThat(ingest.all()).contains("completed   1");
    assertThat(rootfs.resolve("var/data/ingestion/data/ingestion.db")).exists();
  }

  /** The command in the unpacked image, as its user, with its environment, /proc and /dev. */
  private static Installed.Result inContainer(String... command) throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>();
    config.path("Env").forEach(e -> env.put(e.asText().split("=", 2)[0], e.asText().split("=", 2)[1]));
    env.put("PATH", env.get("PATH") + ":/usr/sbin:/usr/bin:/sbin:/bin"); // the host's, for unshare and mount
    StringBuilder cmd = new StringBuilder();
    for (String part : command) {
      cmd.append(" '").append(part.replace("'", "'\\''")).append('\'');
    }
    String r = rootfs.toString();
    // the device files bound one by one (never the whole /dev): the namespace is private to the command, and
    // even so nothing the test's clean-up could reach belongs to the host
    StringBuilder devices = new StringBuilder();
    for (String device : new String[] {"null", "zero", "random", "urandom"}) {
      Path node = rootfs.resolve("dev").resolve(device);
      if (!Files.exists(node)) {
        Files.createFile(node);
      }
      devices.append("mount --bind /dev/").append(device).append(' ').append(node).append(" && ");
    }
    return Installed.run(dir, env, "unshare", "--mount", "--pid", "--fork", "/bin/sh", "-c",
        "mount -t proc proc " + r + "/proc && " + devices + "exec chroot --userspec="
            + config.path("User").asText() + " " + r + cmd);
  }
}
