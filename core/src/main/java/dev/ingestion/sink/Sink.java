package dev.ingestion.sink;

import dev.ingestion.store.FeedChange;
import java.util.List;
import java.util.Optional;

/**
 * A target the chunk change feed is written to (a search engine index). {@link SinkRunner} drives it:
 * it applies every change in feed order, by chunk id, so applying a batch twice leaves the same result.
 *
 * <p>Besides the chunks, a target keeps a {@link SinkMark}: how far in the feed it may have been written.
 * The mark lets the runner notice a target that no longer matches the feed (the database was restored
 * from an older backup, the index was deleted) and rebuild it instead of going silent.
 */
public interface Sink extends AutoCloseable {
  SinkConfig config();

  /**
   * Makes sure the target exists (creates the index and its mapping when missing) and returns its mark,
   * empty when the target holds none (just created, or never written by a sink).
   *
   * @throws SinkUnavailableException when the target cannot be reached or refuses the request
   */
  Optional<SinkMark> open();

  /** Records how far the target may be written; called before the changes up to it are sent. */
  void mark(SinkMark mark);

  /**
   * Applies {@code changes} in order: upserts store the chunk under its id, deletes remove it (a no-op
   * when absent). Returns the chunks the target refused, with its reason; the rest were applied.
   *
   * @throws SinkUnavailableException when the target did not acknowledge the batch as a whole
   */
  List<Rejection> write(List<FeedChange> changes);

  /** Removes every chunk and the mark: the runner replays the whole feed next. */
  void clear();

  /** The number of chunks the target holds, for status and checks. */
  long count();

  @Override
  default void close() {}

  /** A chunk the target refused, and the target's reason. */
  record Rejection(String chunkId, String reason) {}
}
