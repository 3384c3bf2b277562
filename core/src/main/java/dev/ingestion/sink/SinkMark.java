package dev.ingestion.sink;

/**
 * How far in the change feed a target may have been written: up to and including feed row {@code seq},
 * whose {@code stamp} (see {@link dev.ingestion.store.ChangeFeedRepository#stamp}) identifies the row in
 * this database's history. A restored database can hold a different row under the same number; the stamp
 * tells them apart.
 */
public record SinkMark(long seq, String stamp) {
  public static final SinkMark START = new SinkMark(0, "start");
}
