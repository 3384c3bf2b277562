package dev.ingestion.pipeline;

/** What one listing of a source found. {@code error} is null when the listing completed. */
public record DiscoveryResult(
    String source, long discovered, long added, long changed, long unchanged, long deleted, long skipped, String error) {}
