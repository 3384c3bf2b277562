package dev.ingestion.sink;

import dev.ingestion.store.FeedChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A target held in memory, for the runner's contract with each database: chunk id to text and a mark.
 * It can be told to stop answering after some batches, and to refuse chunks whose text contains a word.
 */
public final class MemorySink implements Sink {
  public final Map<String, String> chunks = new TreeMap<>();
  public Optional<SinkMark> mark = Optional.empty();
  public int batchesBeforeOutage = Integer.MAX_VALUE;
  public String refuseWord;
  public int batches;
  private final SinkConfig config;

  public MemorySink(int batchSize) {
    this.config = new SinkConfig("memory", "memory", batchSize, Duration.ofMillis(50), Duration.ofMillis(200), 1000, 1);
  }

  @Override
  public SinkConfig config() {
    return config;
  }

  @Override
  public Optional<SinkMark> open() {
    return mark;
  }

  @Override
  public void mark(SinkMark m) {
    mark = Optional.of(m);
  }

  @Override
  public List<Rejection> write(List<FeedChange> changes) {
    if (batches >= batchesBeforeOutage) {
      throw new SinkUnavailableException("the target is down");
    }
    batches++;
    List<Rejection> refused = new ArrayList<>();
    for (FeedChange c : changes) {
      switch (c) {
        case FeedChange.Upsert u when refuseWord != null && u.text().contains(refuseWord) ->
            refused.add(new Rejection(u.id(), "contains " + refuseWord));
        case FeedChange.Upsert u -> chunks.put(u.id(), u.text());
        case FeedChange.Delete d -> chunks.remove(d.id());
      }
    }
    return refused;
  }

  @Override
  public void clear() {
    chunks.clear();
    mark = Optional.empty();
  }

  @Override
  public long count() {
    return chunks.size();
  }
}
