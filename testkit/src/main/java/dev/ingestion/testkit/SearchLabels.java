package dev.ingestion.testkit;

import java.util.Map;

/**
 * A small labelled set over this project's own documentation (README.md and docs/*.md): each question's
 * answer sits in one file. Used by the keyword and the hybrid search quality tests.
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
}
