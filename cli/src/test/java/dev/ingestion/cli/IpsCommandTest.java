package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.security.Security;
import dev.ingestion.security.SecurityConfig;
import dev.ingestion.store.Database;
import dev.ingestion.store.DatabaseConfig;
import dev.ingestion.testkit.tags.FastTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The blocklist and users from the command line: the same rows the API's access control reads. */
@FastTest
class IpsCommandTest {
  @TempDir Path dir;

  @Test
  void a_range_blocked_from_the_cli_refuses_its_addresses_and_unblocking_lifts_it() throws Exception {
    Path db = dir.resolve("data/ingestion.db");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), "logging:\n  dir: " + dir.resolve("logs") + "\n");
    String[] common = {"--config", config.toString(), "--db", db.toString()};

    assertThat(run("ips", "block", "203.0.113.0/24", "--reason", "scanner", "--expires-in", "2h", common[0], common[1],
        common[2], common[3])).contains("blocked 203.0.113.0/24 until ", "scanner");
    assertThat(run("ips", "list", common[0], common[1], common[2], common[3])).contains("203.0.113.0/24", "scanner");
    try (Database d = Database.open(DatabaseConfig.sqlite("jdbc:sqlite:" + db), Clock.systemUTC())) {
      Security security = new Security(d, SecurityConfig.defaults(dir.resolve("data")), d.clock());
      assertThat(security.blocklist().blocking("203.0.113.77")).isPresent();
      assertThat(security.blocklist().blocking("198.51.100.1")).isEmpty();
    }

    assertThat(run("ips", "unblock", "203.0.113.0/24", common[0], common[1], common[2], common[3]))
        .contains("unblocked 203.0.113.0/24");
    assertThat(Main.run("ips", "unblock", "203.0.113.0/24", common[0], common[1], common[2], common[3]))
        .as("unblocking what is not blocked is an error").isNotZero();
    assertThat(Main.run("ips", "block", "not-an-address", common[0], common[1], common[2], common[3])).isNotZero();
  }

  @Test
  void blocking_every_address_needs_force() throws Exception {
    Path db = dir.resolve("data/ingestion.db");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), "logging:\n  dir: " + dir.resolve("logs") + "\n");
    String[] common = {"--config", config.toString(), "--db", db.toString()};
    assertThat(Main.run("ips", "block", "0.0.0.0/0", common[0], common[1], common[2], common[3])).isNotZero();
    assertThat(run("ips", "list", common[0], common[1], common[2], common[3])).doesNotContain("0.0.0.0/0");
    assertThat(run("ips", "block", "::/0", "--force", common[0], common[1], common[2], common[3])).contains("blocked 0:0:0:0:0:0:0:0/0");
  }

  @Test
  void users_create_refuses_a_name_that_differs_from_another_only_in_case() throws Exception {
    Path db = dir.resolve("data/ingestion.db");
    Path config = Files.writeString(dir.resolve("ingestion.yml"), "logging:\n  dir: " + dir.resolve("logs") + "\n");
    String[] common = {"--config", config.toString(), "--db", db.toString()};
    assertThat(run("users", "create", "Dana", "--role", "viewer", common[0], common[1], common[2], common[3]))
        .contains("created user Dana");
    assertThat(Main.run("users", "create", "dana", "--role", "admin", common[0], common[1], common[2], common[3]))
        .isNotZero();
    assertThat(run("users", "list", common[0], common[1], common[2], common[3])).doesNotContain("dana ");
  }

  private static String run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertThat(Main.run(args)).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
