package dev.ingestion.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real standalone Apache Solr 9 node (solr-core on Solr's embedded Jetty, from Maven Central) in a child
 * JVM ({@link ChildNode}); its class path is written by the testnodes/solr module to the file named by
 * system property {@value #CLASSPATH_PROPERTY}. The node starts with no core: {@link #createCore} makes one
 * with a minimal managed schema ({@code id} and {@code _version_}), as a user's new core would be.
 */
public final class SolrNode extends ChildNode {
  public static final String CLASSPATH_PROPERTY = "solr.classpath.file";
  private static final Pattern PORT = Pattern.compile("solr port (\\d+)");

  private final Path home;

  private SolrNode(Started started, Path home) {
    super(started.process(), started.url());
    this.home = home;
  }

  /** Starts a node with its home under {@code dir} and waits until it answers. */
  public static SolrNode start(Path dir) throws IOException, InterruptedException {
    Path cpFile = Path.of(System.getProperty(CLASSPATH_PROPERTY, "missing"));
    String cp = cpFile.resolveSibling("classes") + java.io.File.pathSeparator
        + classpath(CLASSPATH_PROPERTY, "testnodes/solr");
    Path home = dir.resolve("home");
    List<String> args = List.of("-Xms128m", "-Xmx512m", "-cp", cp, "dev.ingestion.testnode.solr.SolrTestNode",
        home.toString());
    return new SolrNode(launch(dir, args, log -> {
      Matcher m = PORT.matcher(log);
      return m.find() ? "http://127.0.0.1:" + m.group(1) + "/solr" : null;
    }, "/admin/info/system?wt=json"), home);
  }

  /** Creates core {@code name} with its own copy of the node's minimal configuration. */
  public void createCore(String name) throws IOException, InterruptedException {
    Path conf = Files.createDirectories(home.resolve(name).resolve("conf"));
    try (Stream<Path> files = Files.list(home.resolve("template/conf"))) {
      for (Path f : files.toList()) {
        Files.copy(f, conf.resolve(f.getFileName()));
      }
    }
    admin("CREATE&name=" + encode(name) + "&instanceDir=" + encode(name));
  }

  /** Unloads core {@code name} and deletes its folder: its documents and schema are gone. */
  public void deleteCore(String name) throws IOException, InterruptedException {
    admin("UNLOAD&core=" + encode(name) + "&deleteInstanceDir=true");
  }

  private void admin(String action) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/admin/cores?wt=json&action="
          + action)).build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("core admin " + action + " failed: " + r.statusCode() + " " + r.body());
      }
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One node for a whole test class (see {@link ChildNode.PerClass}). */
  public static final class PerClass extends ChildNode.PerClass<SolrNode> {
    public PerClass() {
      super("solr-node-");
    }

    @Override
    protected SolrNode start(Path dir) throws IOException, InterruptedException {
      return SolrNode.start(dir);
    }

    public void createCore(String name) throws IOException, InterruptedException {
      node().createCore(name);
    }

    public void deleteCore(String name) throws IOException, InterruptedException {
      node().deleteCore(name);
    }
  }
}
