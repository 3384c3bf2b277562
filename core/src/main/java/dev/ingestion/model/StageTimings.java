package dev.ingestion.model;

import java.time.Duration;

/** Time one attempt spent in each stage; null where the attempt did not reach the stage. */
public record StageTimings(Duration fetch, Duration parse, Duration chunk, Duration store) {
  public static final StageTimings NONE = new StageTimings(null, null, null, null);

  public StageTimings withFetch(Duration d) {
    return new StageTimings(d, parse, chunk, store);
  }

  public StageTimings withParse(Duration d) {
    return new StageTimings(fetch, d, chunk, store);
  }

  public StageTimings withChunk(Duration d) {
    return new StageTimings(fetch, parse, d, store);
  }

  public StageTimings withStore(Duration d) {
    return new StageTimings(fetch, parse, chunk, d);
  }
}
