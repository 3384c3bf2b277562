package dev.ingestion.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A small labelled set over this project's own documentation (README.md and docs/*.md): each question's
 * answer sits in one file. Used by the keyword and the hybrid search quality tests and by the bench's text
 * quality report, which all copy the files with {@link #copyProjectDocs} and score with {@link #topHits}.
 */
public final class SearchLabels {
  private SearchLabels() {}

  /** Question to the file that answers it. */
  public static final Map<String, String> PROJECT_DOCS = Map.ofEntries(
      Map.entry("MinIO or Ceph: S3-compatible endpoint with path-style addressing", "sources.md"),
      Map.entry("SharePoint app registration with Sites.Read.All and a client secret", "sources.md"),
      Map.entry("rows of a database table as documents: id_column and the query", "sources.md"),
      Map.entry("run N workers on N machines against one PostgreSQL database", "scaling.md"),
      Map.entry("an overlap never starts in the middle of a word", "chunking.md"),
      Map.entry("Thai, Lao, Khmer or Myanmar text written without spaces", "chunking.md"),
      Map.entry("pipeline throughput compared with raw Tika parse-only", "benchmarks.md"),
      Map.entry("queue overhead in jobs per second with 4 workers", "benchmarks.md"),
      Map.entry("leases renewed by a heartbeat; a killed worker's jobs are recovered", "architecture.md"),
      Map.entry("which failure categories are retryable: encrypted, corrupt, parse_timeout", "architecture.md"),
      Map.entry("restore from a backup after stopping the services", "operations.md"),
      Map.entry("logrotate and deleting old metric samples", "operations.md"),
      Map.entry("Prometheus exposition of http_server_requests_seconds", "api.md"),
      Map.entry("five-minute tour", "README.md"));

  /** Results looked at per question. */
  public static final int TOP = 3;

  /** Copies the project's README.md and docs/*.md into {@code target} (created), the corpus the labels are for. */
  public static Path copyProjectDocs(Path project, Path target) throws IOException {
    Files.createDirectories(target);
    Files.copy(project.resolve("README.md"), target.resolve("README.md"));
    try (Stream<Path> files = Files.list(project.resolve("docs"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
    return target;
  }

  /**
   * Asks {@code search} each labelled question for the paths of its first {@link #TOP} results and counts the
   * questions whose answer file is among them.
   */
  public static TopHits topHits(Function<String, List<String>> search) {
    int hits = 0;
    List<String> misses = new ArrayList<>();
    for (Map.Entry<String, String> e : PROJECT_DOCS.entrySet()) {
      List<String> top = search.apply(e.getKey());
      if (top.stream().limit(TOP).anyMatch(e.getValue()::equals)) {
        hits++;
      } else {
        misses.add("'" + e.getKey() + "' expected " + e.getValue() + ", got " + top);
      }
    }
    return new TopHits(hits, PROJECT_DOCS.size(), misses);
  }
}
