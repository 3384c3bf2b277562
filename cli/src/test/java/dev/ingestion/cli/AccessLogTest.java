package dev.ingestion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.ingestion.testkit.tags.FastTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped logback.xml writes the "access" logger to access.log and nowhere else. */
@FastTest
class AccessLogTest {
  @TempDir Path dir;

  @Test
  void api_requests_go_to_access_log_in_the_log_folder() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    context.putProperty("ingestion.log.dir", dir.toString());
    System.setProperty("ingestion.log.dir", dir.toString());
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(AccessLogTest.class.getResource("/logback.xml"));
      context.getLogger("access").info("GET /health - 200 3ms client=127.0.0.1");
      context.getLogger("dev.ingestion.Test").info("application line");
    } finally {
      context.stop();
      System.clearProperty("ingestion.log.dir");
    }
    assertThat(Files.readString(dir.resolve("access.log"))).contains("GET /health - 200 3ms client=127.0.0.1");
    assertThat(Files.readString(dir.resolve("application.log"))).contains("application line")
        .doesNotContain("GET /health");
  }
}
