package dev.ingestion.pipeline;

import dev.ingestion.model.FailureCategory;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of what this process's workers did, for progress and the end-of-run summary. */
public final class RunStats {
  private final LongAdder completed = new LongAdder();
  private final LongAdder unchanged = new LongAdder();
  private final LongAdder copies = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder leaseLost = new LongAdder();
  private final LongAdder chunks = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder embeddingsComputed = new LongAdder();
  private final LongAdder embeddingsReused = new LongAdder();
  private final LongAdder embeddingNanos = new LongAdder();
  private final Map<FailureCategory, AtomicLong> deadLettered = new EnumMap<>(FailureCategory.class);

  public RunStats() {
    for (FailureCategory c : FailureCategory.values()) {
      deadLettered.put(c, new AtomicLong());
    }
  }

  void recordCompleted(long chunkCount, long byteCount) {
    completed.increment();
    chunks.add(chunkCount);
    bytes.add(byteCount);
  }

  void recordEmbeddings(int computed, int reused, long nanos) {
    embeddingsComputed.add(computed);
    embeddingsReused.add(reused);
    embeddingNanos.add(nanos);
  }

  /** Chunks sent to the embedding model by this process. */
  public long embeddingsComputed() {
    return embeddingsComputed.sum();
  }

  /** Chunks whose vector was taken over from an earlier version (or a chunk with the same text). */
  public long embeddingsReused() {
    return embeddingsReused.sum();
  }

  /** Time worker threads spent in the embedding stage (summed over threads). */
  public java.time.Duration embeddingTime() {
    return java.time.Duration.ofNanos(embeddingNanos.sum());
  }

  /**
   * A completion that took a copy's result over instead of parsing (counted as completed as well), with the
   * copy's vectors, taken over and not computed.
   */
  void recordCopy(int reusedVectors) {
    copies.increment();
    embeddingsReused.add(reusedVectors);
  }

  /** Completed documents whose bytes and name matched a file this process had already parsed. */
  public long copies() {
    return copies.sum();
  }

  void recordUnchanged(long byteCount) {
    unchanged.increment();
    bytes.add(byteCount);
  }

  void recordRetry() {
    retried.increment();
  }

  void recordLeaseLost() {
    leaseLost.increment();
  }

  void recordDeadLetter(FailureCategory category) {
    deadLettered.get(category).incrementAndGet();
  }

  public long completed() {
    return completed.sum();
  }

  public long unchanged() {
    return unchanged.sum();
  }

  public long retried() {
    return retried.sum();
  }

  public long leaseLost() {
    return leaseLost.sum();
  }

  public long chunks() {
    return chunks.sum();
  }

  public long bytes() {
    return bytes.sum();
  }

  public long deadLettered() {
    return deadLettered.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Dead-lettered counts by category, only categories that occurred. */
  public Map<FailureCategory, Long> deadLetteredByCategory() {
    Map<FailureCategory, Long> out = new EnumMap<>(FailureCategory.class);
    deadLettered.forEach((k, v) -> {
      if (v.get() > 0) {
        out.put(k, v.get());
      }
    });
    return out;
  }

  /** Documents finished for good by this process (completed, unchanged or dead-lettered). */
  public long finished() {
    return completed() + unchanged() + deadLettered();
  }
}
