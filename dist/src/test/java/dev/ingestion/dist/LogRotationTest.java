package dev.ingestion.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.ProcessTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's daily clean-up, {@code find /var/log/ingestion -name "*.log.*" -mtime +7 -delete}, must match
 * every rotated log: logrotate's copies (deploy/logrotate/ingestion) and logback's own daily rolls.
 */
@ProcessTest
class LogRotationTest {
  /** The runbook's {@code -name "*.log.*"}: find's -name is a glob on the file name. */
  private static final PathMatcher RUNBOOK = FileSystems.getDefault().getPathMatcher("glob:*.log.*");

  @TempDir Path dir;

  private static boolean runbookMatches(String name) {
    return RUNBOOK.matches(Path.of(name));
  }

  @Test
  void logrotate_names_its_copies_so_that_the_runbook_find_matches_them() throws IOException {
    String conf = Files.readString(unpacked("deploy/logrotate/ingestion"));
    assertThat(conf).contains("/var/log/ingestion/*.log", "copytruncate", "dateext", "compress");
    Matcher m = Pattern.compile("(?m)^\\s*dateformat\\s+(\\S+)").matcher(conf);
    assertThat(m.find()).as("dateformat set: logrotate's default -%%Y%%m%%d gives application.log-20260301").isTrue();
    String extension = strftime(m.group(1), Instant.parse("2026-03-01T02:30:00Z"));
    assertThat(runbookMatches("application.log" + extension)).as("application.log" + extension).isTrue();
    assertThat(runbookMatches("application.log" + extension + ".gz")).isTrue();
    assertThat(runbookMatches("application.log")).as("the live log is not deleted").isFalse();
  }

  @Test
  void logrotate_itself_rotates_into_names_the_runbook_find_matches() throws Exception {
    Path logrotate = Stream.of("/usr/sbin/logrotate", "/usr/bin/logrotate", "/sbin/logrotate").map(Path::of)
        .filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(logrotate != null, "logrotate is not installed here: its names were checked from the file");
    Path logs = Files.createDirectories(dir.resolve("log"));
    Files.writeString(logs.resolve("application.log"), "a line\n");
    Files.writeString(logs.resolve("access.log"), "a request\n");
    // as shipped, in this test's folder and without `su ingestion ingestion` (no such user here)
    String conf = Files.readString(unpacked("deploy/logrotate/ingestion"))
        .replace("/var/log/ingestion", logs.toString()).replaceAll("(?m)^\\s*su .*$", "");
    Files.writeString(dir.resolve("ingestion.conf"), conf);
    Installed.Result r = Installed.run(dir, Map.of("PATH", "/usr/sbin:/usr/bin:/bin"), logrotate.toString(),
        "-f", "-s", dir.resolve("state").toString(), dir.resolve("ingestion.conf").toString());
    assertThat(r.exit()).as(r.all()).isZero();
    List<String> rotated = new ArrayList<>();
    try (Stream<Path> files = Files.list(logs)) {
      files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith(".log")).forEach(rotated::add);
    }
    assertThat(rotated).as("a rotated copy of each log").hasSize(2).allMatch(LogRotationTest::runbookMatches);
  }

  @Test
  void logback_rolls_into_names_the_runbook_find_matches() throws IOException {
    Path cli;
    try (Stream<Path> jars = Files.list(unpacked("lib"))) {
      cli = jars.filter(j -> j.getFileName().toString().startsWith("ingestion-cli-")).findFirst().orElseThrow();
    }
    String logback;
    try (JarFile jar = new JarFile(cli.toFile()); InputStream in = jar.getInputStream(jar.getEntry("logback.xml"))) {
      logback = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("<fileNamePattern>\\$\\{LOG_DIR}/([^<]+)</fileNamePattern>").matcher(logback);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1).replaceAll("%d\\{[^}]*}", "2026-03-01").replace("%i", "0"));
    }
    assertThat(names).hasSizeGreaterThanOrEqualTo(5).allMatch(LogRotationTest::runbookMatches);
  }

  private static Path unpacked(String path) throws IOException {
    return Unpacked.get().resolve(path);
  }

  /** logrotate's dateformat: %Y %m %d %H %M %S %V and %s, everything else as written. */
  private static String strftime(String format, Instant at) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char f = format.charAt(++i);
      out.append(switch (f) {
        case 'Y' -> DateTimeFormatter.ofPattern("yyyy").withZone(ZoneOffset.UTC).format(at);
        case 'm' -> DateTimeFormatter.ofPattern("MM").withZone(ZoneOffset.UTC).format(at);
        case 'd' -> DateTimeFormatter.ofPattern("dd").withZone(ZoneOffset.UTC).format(at);
        case 'H' -> DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC).format(at);
        case 'M' -> DateTimeFormatter.ofPattern("mm").withZone(ZoneOffset.UTC).format(at);
        case 'S' -> DateTimeFormatter.ofPattern("ss").withZone(ZoneOffset.UTC).format(at);
        case 'V' -> DateTimeFormatter.ofPattern("ww").withZone(ZoneOffset.UTC).format(at);
        case 's' -> Long.toString(at.getEpochSecond());
        default -> "%" + f;
      });
    }
    return out.toString();
  }
}
