package dev.ingestion.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.testkit.ParentWatch;
import dev.ingestion.testkit.tags.ProcessTest;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The search-engine test nodes run under {@link ParentWatch}: a node must end when the test JVM that
 * started it is gone (its end of the node's standard input closes), and not before.
 */
@ProcessTest
class TestNodeParentWatchTest {

  /** Stands in for a node's main class: runs until the process is ended. */
  public static final class Forever {
    private Forever() {}

    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Test
  void a_node_ends_when_its_parent_closes_the_pipe_and_not_before() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = location(ParentWatch.class) + File.pathSeparator + location(Forever.class);
    Process node = new ProcessBuilder(java, "-cp", cp, ParentWatch.class.getName(), Forever.class.getName())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      assertThat(node.waitFor(2, TimeUnit.SECONDS)).as("the node runs while the pipe is open").isFalse();
      node.getOutputStream().close();
      assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the node ends once the pipe is closed").isTrue();
      assertThat(node.exitValue()).isZero();
    } finally {
      node.destroyForcibly();
    }
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
