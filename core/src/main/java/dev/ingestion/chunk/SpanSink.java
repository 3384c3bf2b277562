package dev.ingestion.chunk;

/**
 * Receives a range of the text, {@code start} inclusive and {@code end} exclusive, without boxing.
 */
@FunctionalInterface
interface SpanSink {
  void accept(int start, int end);
}
