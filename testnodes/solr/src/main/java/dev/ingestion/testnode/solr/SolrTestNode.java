package dev.ingestion.testnode.solr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * Runs one standalone Solr node on Solr's own embedded Jetty until the process is stopped. Its home is
 * the folder given as the only argument; the node takes a free port and prints {@code solr port N}.
 * A core template ({@code solrconfig.xml} and a minimal managed schema: {@code id} and {@code _version_}
 * only) is written to {@code <home>/template/conf}; a test copies it to {@code <home>/<core>/conf} and
 * creates the core with the CoreAdmin API, so each core has a schema of its own.
 */
public final class SolrTestNode {
  private SolrTestNode() {}

  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    System.setProperty("solr.log.dir", home.resolve("logs").toString());
    Files.createDirectories(home.resolve("template/conf"));
    copy("solr.xml", home.resolve("solr.xml"));
    copy("solrconfig.xml", home.resolve("template/conf/solrconfig.xml"));
    copy("managed-schema.xml", home.resolve("template/conf/managed-schema.xml"));
    JettySolrRunner jetty = new JettySolrRunner(home.toString(),
        JettyConfig.builder().setPort(0).setContext("/solr").stopAtShutdown(true).useOnlyHttp1(true).build());
    jetty.start();
    System.out.println("solr port " + jetty.getLocalPort());
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        jetty.stop();
      } catch (Exception e) {
        e.printStackTrace();
      }
    }));
    Thread.currentThread().join();
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = SolrTestNode.class.getResourceAsStream(resource)) {
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
