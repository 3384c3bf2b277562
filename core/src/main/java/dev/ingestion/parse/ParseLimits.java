package dev.ingestion.parse;

import java.time.Duration;

/**
 * Bounds on one parse. {@code maxChars}: extracted characters kept (more is truncated and recorded);
 * {@code maxEmbeddedDepth}/{@code maxEmbeddedCount}: archives and attachments; {@code
 * maxCompressionRatio}: zip-bomb guard (output chars per input byte); {@code timeout}: wall time;
 * {@code maxDocumentBytes}: a larger document is not parsed at all ({@code too_large}); {@code ocr}:
 * whether scanned pages and images are read by Tesseract (a per-source override keeps it).
 */
public record ParseLimits(
    int maxChars,
    int maxEmbeddedDepth,
    int maxEmbeddedCount,
    long maxCompressionRatio,
    Duration timeout,
    long maxDocumentBytes,
    OcrConfig ocr) {
  public static final long DEFAULT_MAX_DOCUMENT_BYTES = 100L << 20;
  public static final ParseLimits DEFAULT =
      new ParseLimits(10_000_000, 5, 1_000, 100, Duration.ofSeconds(60), DEFAULT_MAX_DOCUMENT_BYTES, OcrConfig.OFF);

  public ParseLimits(int maxChars, int maxEmbeddedDepth, int maxEmbeddedCount, long maxCompressionRatio,
      Duration timeout, long maxDocumentBytes) {
    this(maxChars, maxEmbeddedDepth, maxEmbeddedCount, maxCompressionRatio, timeout, maxDocumentBytes, OcrConfig.OFF);
  }

  public ParseLimits(int maxChars, int maxEmbeddedDepth, int maxEmbeddedCount, long maxCompressionRatio,
      Duration timeout) {
    this(maxChars, maxEmbeddedDepth, maxEmbeddedCount, maxCompressionRatio, timeout, DEFAULT_MAX_DOCUMENT_BYTES);
  }

  public ParseLimits withTimeoutAndChars(Duration newTimeout, int newMaxChars) {
    return new ParseLimits(newMaxChars, maxEmbeddedDepth, maxEmbeddedCount, maxCompressionRatio, newTimeout,
        maxDocumentBytes, ocr);
  }

  public ParseLimits withOcr(OcrConfig newOcr) {
    return new ParseLimits(maxChars, maxEmbeddedDepth, maxEmbeddedCount, maxCompressionRatio, timeout,
        maxDocumentBytes, newOcr);
  }
}
