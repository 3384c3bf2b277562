package dev.ingestion.sink;

import dev.ingestion.model.FeedCursor;
import dev.ingestion.store.ChangeFeedRepository;
import dev.ingestion.store.SinkStateRepository;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings one sink's target up to the head of the change feed. Per batch: mark the target with how far
 * it is about to be written, write the batch, and only when the target acknowledged it move the cursor
 * in our database (with the refused chunks). A crash therefore repeats at most one batch, and applying a
 * batch twice changes nothing.
 *
 * <p>Before writing, the target's mark is checked against the feed. The target is rebuilt from the start
 * of the feed (cleared, cursor 0) when it cannot be in step: our cursor is ahead of the feed, the target
 * lost its data (no mark while our cursor is past the start), the target's mark names a feed row this
 * database does not have (restored from an older backup), or the mark is behind our cursor (the target
 * was restored on its own).
 */
public final class SinkRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SinkRunner.class);

  private final Sink sink;
  private final ChangeFeedRepository feed;
  private final SinkStateRepository states;

  public SinkRunner(Sink sink, ChangeFeedRepository feed, SinkStateRepository states) {
    this.sink = sink;
    this.feed = feed;
    this.states = states;
  }

  /** What a pass did: changes written, chunks refused, whether the target was rebuilt, where it ended. */
  public record Pass(long written, long rejected, boolean resynced, FeedCursor cursor) {}

  public Sink sink() {
    return sink;
  }

  /**
   * Writes every change up to the feed's head.
   *
   * @throws SinkUnavailableException when the target does not acknowledge; the cursor stays at the last
   *     acknowledged batch
   */
  public Pass catchUp() {
    String name = sink.config().name();
    FeedCursor cursor = states.load(name).cursor();
    Optional<SinkMark> found = sink.open();
    Optional<String> resync = resyncReason(cursor, found);
    SinkMark mark = found.orElse(null);
    if (resync.isPresent()) {
      LOG.warn("sink {}: rebuilding the target from the start of the feed: {}", name, resync.get());
      sink.clear();
      states.resync(name, resync.get());
      cursor = FeedCursor.START;
      mark = null;
    }
    long written = 0;
    long rejected = 0;
    while (true) {
      ChangeFeedRepository.Page page = feed.read(cursor, sink.config().batchSize());
      if (page.changes().isEmpty() && page.next().equals(cursor)) {
        break;
      }
      mark = markAhead(mark, page.next().seq());
      List<Sink.Rejection> refused = page.changes().isEmpty() ? List.of() : sink.write(page.changes());
      states.advance(name, page.next(), page.changes().size() - refused.size(),
          refused.stream().map(r -> new SinkStateRepository.Rejected(r.chunkId(), r.reason())).toList());
      refused.forEach(r -> LOG.warn("sink {}: target refused chunk {}: {}", name, r.chunkId(), r.reason()));
      written += page.changes().size();
      rejected += refused.size();
      cursor = page.next();
      if (!page.hasMore()) {
        break;
      }
    }
    return new Pass(written, rejected, resync.isPresent(), cursor);
  }

  private Optional<String> resyncReason(FeedCursor cursor, Optional<SinkMark> mark) {
    long head = feed.horizon();
    if (cursor.seq() > head) {
      return Optional.of("cursor " + cursor + " is ahead of the feed (last change " + head
          + "): the database was restored or replaced");
    }
    if (mark.isEmpty()) {
      return cursor.equals(FeedCursor.START) ? Optional.empty()
          : Optional.of("the target holds no mark while the cursor is at " + cursor + ": it was emptied or replaced");
    }
    SinkMark m = mark.get();
    Optional<String> stamp = feed.stamp(m.seq());
    if (stamp.isEmpty() || !stamp.get().equals(m.stamp())) {
      return Optional.of("the target was written up to feed row " + m.seq() + " of another history of this"
          + " database: it was restored from an older backup");
    }
    if (m.seq() < cursor.seq()) {
      return Optional.of("the target's mark (" + m.seq() + ") is behind the cursor (" + cursor
          + "): the target was restored or rolled back on its own");
    }
    return Optional.empty();
  }

  private SinkMark markAhead(SinkMark current, long seq) {
    if (current != null && current.seq() >= seq) {
      return current;
    }
    SinkMark next = new SinkMark(seq, feed.stamp(seq).orElseThrow());
    sink.mark(next);
    return next;
  }
}
