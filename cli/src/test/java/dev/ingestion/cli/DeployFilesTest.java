package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.tags.FastTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * The shipped systemd units start commands that exist, through the installed launcher, with the runbook's
 * paths (the release's install test, dist's InstallTest, runs them and systemd-analyze verify).
 */
@FastTest
class DeployFilesTest {
  private static final Pattern EXEC = Pattern.compile("(?m)^ExecStart=(\\S+) (\\S+) --config (\\S+)$");

  @ParameterizedTest
  @CsvSource({"ingestion-api.service,api", "ingestion-worker.service,worker"})
  void each_unit_runs_an_existing_command(String unit, String command) throws IOException {
    String text = Files.readString(Path.of("..", "deploy", "systemd", unit));
    Matcher m = EXEC.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    assertThat(m.group(1)).isEqualTo("/opt/ingestion/bin/ingestion");
    assertThat(m.group(2)).isEqualTo(command);
    assertThat(m.group(3)).isEqualTo("/etc/ingestion/ingestion.yml");
    assertThat(Main.commandLine().getSubcommands()).containsKey(command);
    assertThat(text).contains("KillSignal=SIGTERM", "User=ingestion", "/var/log/ingestion")
        .doesNotContain("/usr/bin/java");
  }
}
