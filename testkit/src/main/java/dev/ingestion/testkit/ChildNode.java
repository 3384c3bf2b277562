package dev.ingestion.testkit;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real search engine node (OpenSearch, Solr) in a child JVM with its own class path: each brings its
 * own Lucene, Jetty and logging, which must not meet ours. The class path comes from a file a
 * {@code testnodes/*} module writes; the node's output goes to {@code node.log} in its folder, where its
 * HTTP port is read back.
 */
public abstract class ChildNode implements AutoCloseable {
  private static final Duration START = Duration.ofMinutes(3);

  private final Process process;
  private final String url;

  protected ChildNode(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** The node's HTTP address. */
  public String url() {
    return url;
  }

  /** The class path written by a testnodes module to the file named by system property {@code property}. */
  protected static String classpath(String property, String module) throws IOException {
    Path cpFile = Path.of(System.getProperty(property, "missing"));
    if (!Files.isRegularFile(cpFile)) {
      throw new IllegalStateException("no class path at " + cpFile + "; build with -am so " + module + " runs first");
    }
    return Files.readString(cpFile).trim();
  }

  /**
   * Runs {@code java <jvmArgs>} (the JVM running the tests) with its output in {@code dir/node.log}, and
   * waits until {@code address} finds the node's URL in the log and {@code health} (a path) answers 200.
   */
  protected static Started launch(Path dir, List<String> jvmArgs, Function<String, String> address, String health)
      throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = dir.resolve("node.log");
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.addAll(watched(jvmArgs));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return new Started(p, poll(p, log, http, address, health));
    } catch (IOException | InterruptedException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  /**
   * {@code jvmArgs} with the node's main class (the argument after {@code -cp} and its value) run under
   * {@link ParentWatch}, whose class comes from this module, added to the front of the class path.
   */
  private static List<String> watched(List<String> jvmArgs) {
    int cp = jvmArgs.indexOf("-cp");
    if (cp < 0 || cp + 2 >= jvmArgs.size()) {
      throw new IllegalArgumentException("expected -cp CLASSPATH MAIN_CLASS in " + jvmArgs);
    }
    String self;
    try {
      self = Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    List<String> out = new ArrayList<>(jvmArgs.subList(0, cp + 1));
    out.add(self + File.pathSeparator + jvmArgs.get(cp + 1));
    out.add(ParentWatch.class.getName());
    out.addAll(jvmArgs.subList(cp + 2, jvmArgs.size()));
    return out;
  }

  /** A launched node: its process and URL. */
  protected record Started(Process process, String url) {}

  private static String poll(Process p, Path log, HttpClient http, Function<String, String> address, String health)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    String url = null;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the node exited: " + tail(log));
      }
      if (url == null) {
        url = address.apply(Files.readString(log));
      }
      if (url != null && answers(http, url + health)) {
        return url;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the node did not answer within " + START + ": " + tail(log));
  }

  private static boolean answers(HttpClient http, String url) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
          .statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) throws IOException {
    String s = Files.exists(log) ? Files.readString(log) : "";
    return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
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
   * One node for a whole test class, in a temporary folder of its own, e.g.
   * {@code @RegisterExtension static final OpenSearchNode.PerClass node = new OpenSearchNode.PerClass();}:
   * started before the class's tests, stopped and its folder deleted after them.
   */
  public abstract static class PerClass<N extends ChildNode> implements BeforeAllCallback, AfterAllCallback {
    private final String prefix;
    private Path dir;
    private N node;

    protected PerClass(String prefix) {
      this.prefix = prefix;
    }

    protected abstract N start(Path dir) throws IOException, InterruptedException;

    /** The running node. */
    protected N node() {
      if (node == null) {
        throw new IllegalStateException("no node is running: register PerClass on a static @RegisterExtension field");
      }
      return node;
    }

    /** The running node's HTTP address. */
    public String url() {
      return node().url();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
      dir = Files.createTempDirectory(prefix);
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
