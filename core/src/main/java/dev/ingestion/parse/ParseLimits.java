package dev.ingestion.parse;

import java.time.Duration;

/**
 * Bounds on one parse. {@code maxChars}: extracted characters kept (more is truncated and recorded);
 * {@code maxEmbeddedDepth}/{@code maxEmbeddedCount}: archives and attachments; {@code
 * maxCompressionRatio}: zip-bomb guard (output chars per input byte); {@code timeout}: wall time.
 */
public record ParseLimits(
    int maxChars,
    int maxEmbeddedDepth,
    int maxEmbeddedCount,
    long maxCompressionRatio,
    Duration timeout) {
  public static final ParseLimits DEFAULT =
      new ParseLimits(10_000_000, 5, 1_000, 100, Duration.ofSeconds(60));
}
