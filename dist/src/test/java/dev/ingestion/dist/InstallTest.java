package dev.ingestion.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/operations.md, "Installing a release", on the tarball this build made: unpacked into a temporary prefix
 * and run from there with only a Java runtime (no javac, no Maven, no source tree, no JAVA_HOME), in a working
 * folder outside the repository. The runbook's folders /etc/ingestion, /var/data/ingestion and
 * /var/log/ingestion become folders under the same temporary root.
 */
@ProcessTest
class InstallTest {
  private static final Pattern LISTENING = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir static Path root;
  static Path prefix;
  static Path config;
  static Map<String, String> env;

  @BeforeAll
  static void install() throws Exception {
    Path tarball = Installed.tarball();
    assertThat(tarball).as("built in the package phase").isRegularFile();
    prefix = Files.createDirectories(root.resolve("opt/ingestion"));
    Path etc = Files.createDirectories(root.resolve("etc/ingestion"));
    Files.createDirectories(root.resolve("var/data/ingestion"));
    Files.createDirectories(root.resolve("var/log/ingestion"));
    Path runtime = Installed.javaRuntime();
    env = Map.of("PATH", runtime.resolve("bin") + ":/usr/bin:/bin", "HOME", root.toString(), "LANG", "C.UTF-8");
    // sudo tar xzf ingestion-VERSION.tar.gz -C /opt/ingestion --strip-components=1
    Installed.Result untar = Installed.run(root, env, "tar", "xzf", tarball.toString(), "-C", prefix.toString(),
        "--strip-components=1");
    assertThat(untar.exit()).as(untar.all()).isZero();
    // sudo cp /opt/ingestion/deploy/ingestion.yml /etc/ingestion/ingestion.yml, with this test's folders
    config = etc.resolve("ingestion.yml");
    Files.writeString(config, relocate(Files.readString(prefix.resolve("deploy/ingestion.yml")))
        .replace("port: 8080", "port: 0"));
  }

  /** The runbook's absolute paths, moved under the temporary root. */
  static String relocate(String text) {
    return text.replace("/opt/ingestion", prefix.toString())
        .replace("/etc/ingestion", root.resolve("etc/ingestion").toString())
        .replace("/var/data/ingestion", root.resolve("var/data/ingestion").toString())
        .replace("/var/log/ingestion", root.resolve("var/log/ingestion").toString());
  }

  @Test
  void the_tarball_holds_the_launcher_the_jars_the_configuration_the_units_the_scripts_the_docs_and_the_sbom() {
    assertThat(prefix.resolve("bin/ingestion")).isExecutable();
    assertThat(prefix.resolve("scripts/test_restore.sh")).isExecutable();
    assertThat(prefix.resolve("lib")).isDirectoryContaining("glob:**/ingestion-cli-*.jar")
        .isDirectoryContaining("glob:**/ingestion-core-*.jar").isDirectoryContaining("glob:**/tika-core-*.jar");
    assertThat(prefix.resolve("ingestion.example.yml")).isRegularFile();
    assertThat(prefix.resolve("deploy/ingestion.yml")).isRegularFile();
    assertThat(prefix.resolve("deploy/systemd/ingestion-api.service")).isRegularFile();
    assertThat(prefix.resolve("deploy/systemd/ingestion-worker.service")).isRegularFile();
    assertThat(prefix.resolve("deploy/logrotate/ingestion")).isRegularFile();
    assertThat(prefix.resolve("docs/operations.md")).isRegularFile();
    assertThat(prefix.resolve("sbom")).isDirectoryContaining("glob:**/ingestion-*.cdx.json");
    if (!Installed.imageSkipped()) { // the image's jlinked runtime; with -Dimage.skip=true the test's own Java
      assertThat(Installed.javaRuntime().resolve("bin/javac")).as("run with a runtime, not a JDK").doesNotExist();
    }
  }

  @Test
  void the_sbom_lists_every_jar_of_lib_with_its_version() throws IOException {
    Path sbom;
    try (Stream<Path> files = Files.list(prefix.resolve("sbom"))) {
      sbom = files.filter(f -> f.toString().endsWith(".cdx.json")).findFirst().orElseThrow();
    }
    JsonNode bom = new ObjectMapper().readTree(sbom.toFile());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    Set<String> listed = new HashSet<>();
    for (JsonNode c : bom.path("components")) {
      listed.add(c.path("name").asText() + "-" + c.path("version").asText() + ".jar");
      assertThat(c.path("purl").asText()).startsWith("pkg:maven/");
    }
    List<String> jars;
    try (Stream<Path> files = Files.list(prefix.resolve("lib"))) {
      jars = files.map(f -> f.getFileName().toString()).toList();
    }
    assertThat(jars).hasSizeGreaterThan(100);
    assertThat(listed).containsAll(jars);
  }

  @Test
  void ingest_serve_backup_restore_and_the_restore_test_run_from_the_installation() throws Exception {
    Path work = Files.createDirectories(root.resolve("work-run"));
    String ing = prefix.resolve("bin/ingestion").toString();
    String cfg = config.toString();

    // ingestion ingest: the shipped docs are a folder of real files (Markdown, PNG)
    Installed.Result ingest = Installed.run(work, env, ing, "ingest", "--config", cfg, "--no-progress",
        "--concurrency", "1", prefix.resolve("docs").toString());
    assertThat(ingest.exit()).as(ingest.all()).isZero();
    assertThat(ingest.all()).contains("completed");
    assertThat(root.resolve("var/data/ingestion/ingestion.db")).as("the database where the config puts it").exists();
    // the parser children's class-data archive, in the installation's start-up cache and named for its jars
    assertThat(prefix.resolve("cache")).as(ingest.all())
        .isDirectoryContaining("glob:**/parser-*-*-*.jsa");

    // ingestion serve: answers /health, writes the logs to the log folder, stops on SIGTERM
    Process serve = Installed.start(work, env, List.of(ing, "serve", "--config", cfg));
    try {
      int port = awaitPort(work.resolve("stderr.txt"));
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(root.resolve("var/data/ingestion/admin-api-key")).exists();
      assertThat(root.resolve("var/log/ingestion/application.log")).exists();
      serve.destroy();
      assertThat(serve.waitFor(2, TimeUnit.MINUTES)).as("stops on SIGTERM").isTrue();
    } finally {
      serve.destroyForcibly();
    }

    // ingestion backup FILE, ingestion restore FILE (into a fresh place; restore checks the backup first)
    Path backup = root.resolve("var/data/ingestion/backup_test.db");
    Installed.Result backedUp = Installed.run(work, env, ing, "backup", "--config", cfg, backup.toString());
    assertThat(backedUp.exit()).as(backedUp.all()).isZero();
    assertThat(backedUp.all()).contains("verified: integrity ok");
    Path restored = root.resolve("restored/ingestion.db");
    Installed.Result restore = Installed.run(work, env, ing, "restore", "--db", restored.toString(), backup.toString());
    assertThat(restore.exit()).as(restore.all()).isZero();
    assertThat(restored).exists();

    // /opt/ingestion/scripts/test_restore.sh: the runbook's restore test (backup, restore, verify, compare),
    // with the installed command
    Installed.Result restoreTest = Installed.run(work, env, prefix.resolve("scripts/test_restore.sh").toString(),
        "--config", cfg);
    assertThat(restoreTest.exit()).as(restoreTest.all()).isZero();
    assertThat(restoreTest.stdout()).contains("restore test passed");
  }

  @Test
  void the_launcher_works_through_a_symlink_and_reads_runtime_versions_without_starting_them() throws Exception {
    Path work = Files.createDirectories(root.resolve("work-launcher"));
    // a JAVA_HOME that is too old: its release file says 17, its java must not be started to find that out
    Path old = Files.createDirectories(work.resolve("jdk-17/bin"));
    Files.writeString(work.resolve("jdk-17/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"17.0.9\"\n");
    Path started = work.resolve("old-java-started");
    Files.writeString(old.resolve("java"), "#!/bin/sh\ntouch " + started + "\nexit 1\n");
    assertThat(old.resolve("java").toFile().setExecutable(true)).isTrue();
    // /usr/local/bin/ingestion -> /opt/ingestion/bin/ingestion
    Path link = Files.createSymbolicLink(work.resolve("ingestion"), prefix.resolve("bin/ingestion"));

    Map<String, String> withOldJavaHome = new java.util.HashMap<>(env);
    withOldJavaHome.put("JAVA_HOME", work.resolve("jdk-17").toString());
    Installed.Result version = Installed.run(work, withOldJavaHome, link.toString(), "--version");
    assertThat(version.exit()).as(version.all()).isZero();
    assertThat(version.stdout()).startsWith("ingestion ");
    assertThat(started).as("the Java 17 in JAVA_HOME was passed over by its release file").doesNotExist();
  }

  @Test
  void the_batch_commands_get_the_serial_collector_unless_INGESTION_JAVA_OPTS_says_otherwise() throws Exception {
    Path work = Files.createDirectories(root.resolve("work-options"));
    // a Java 21 runtime whose java only prints the options it was started with
    Path bin = Files.createDirectories(work.resolve("jdk-21/bin"));
    Files.writeString(work.resolve("jdk-21/release"), "JAVA_VERSION=\"21.0.5\"\n");
    Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$*\"\n");
    assertThat(bin.resolve("java").toFile().setExecutable(true)).isTrue();
    Map<String, String> fake = new java.util.HashMap<>(env);
    fake.put("JAVA_HOME", work.resolve("jdk-21").toString());
    String launcher = prefix.resolve("bin/ingestion").toString();

    for (String batch : List.of("ingest", "worker")) {
      Installed.Result r = Installed.run(work, fake, launcher, batch, "--help");
      assertThat(r.stdout()).as(r.all())
          .contains("-Xmx1g -XX:+UseSerialGC -XX:FreqInlineSize=80 -XX:InlineSmallCode=500")
          .contains("-XX:CompileCommand=MaxNodeLimit,com.github.pemistahl.lingua.*::*,1000")
          .doesNotContain("TieredStopAtLevel");
    }
    Installed.Result serve = Installed.run(work, fake, launcher, "serve", "--help");
    assertThat(serve.stdout()).as(serve.all()).contains("-Xmx1g").doesNotContain("UseSerialGC")
        .doesNotContain("InlineSmallCode");
    fake.put("INGESTION_JAVA_OPTS", "-Xmx600m -XX:+UseParallelGC");
    Installed.Result own = Installed.run(work, fake, launcher, "ingest", "--help");
    assertThat(own.stdout()).as(own.all()).contains("-Xmx600m -XX:+UseParallelGC").doesNotContain("UseSerialGC")
        .doesNotContain("InlineSmallCode");
  }

  /** The flags bin/ingestion gives `ingest` and `worker` beside its heap (its BATCH_OPTS). */
  private static String launcherBatchFlags() throws java.io.IOException {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^BATCH_OPTS=\"-Xmx\\S+ ([^\"]+)\"$")
        .matcher(Files.readString(prefix.resolve("bin/ingestion")));
    assertThat(m.find()).as("bin/ingestion sets BATCH_OPTS").isTrue();
    return m.group(1);
  }

  @Test
  void the_systemd_units_run_the_installed_command_as_ingestion_and_pass_systemd_analyze_verify() throws Exception {
    for (String unit : List.of("ingestion-api.service", "ingestion-worker.service")) {
      String text = Files.readString(prefix.resolve("deploy/systemd/" + unit));
      String command = unit.contains("api") ? "api" : "worker";
      assertThat(text).contains("ExecStart=/opt/ingestion/bin/ingestion " + command
          + " --config /etc/ingestion/ingestion.yml", "User=ingestion", "Group=ingestion",
          "WorkingDirectory=/var/data/ingestion", "ReadWritePaths=/var/data/ingestion /var/log/ingestion",
          "KillSignal=SIGTERM");
      assertThat(text).doesNotContain("/usr/bin/java");
      if (command.equals("worker")) {
        assertThat(text).as("the unit's INGESTION_JAVA_OPTS keeps the launcher's batch flags")
            .contains(launcherBatchFlags());
      }
    }
    assertThat(Files.readString(prefix.resolve("deploy/ingestion.yml")))
        .contains("jdbc:sqlite:/var/data/ingestion/ingestion.db", "dir: /var/log/ingestion");
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(analyze),
        "systemd-analyze is not installed here: the units were checked as text only");
    // the units as installed under this test's prefix (systemd-analyze checks that ExecStart exists)
    Path units = Files.createDirectories(root.resolve("etc/systemd/system"));
    for (String unit : List.of("ingestion-api.service", "ingestion-worker.service")) {
      Files.writeString(units.resolve(unit), relocate(Files.readString(prefix.resolve("deploy/systemd/" + unit))));
    }
    Installed.Result verify = Installed.run(units, env, analyze.toString(), "verify", "--man=no",
        units.resolve("ingestion-api.service").toString(), units.resolve("ingestion-worker.service").toString());
    assertThat(verify.exit()).as(verify.all()).isZero();
    assertThat(verify.all()).as("no warnings").doesNotContain("ingestion-api.service:", "ingestion-worker.service:");
  }

  private static int awaitPort(Path stderr) {
    int[] port = new int[1];
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
      Matcher m = LISTENING.matcher(Files.exists(stderr) ? Files.readString(stderr) : "");
      if (m.find()) {
        port[0] = Integer.parseInt(m.group(1));
        return true;
      }
      return false;
    });
    return port[0];
  }
}
