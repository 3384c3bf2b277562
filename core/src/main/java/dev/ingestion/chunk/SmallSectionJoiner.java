package dev.ingestion.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Passes each section's chunk ranges on, except that a section whose whole text is one chunk under
 * {@code minChunkSize} (a heading and a line, a sheet with a few cells, an empty sheet's name) is joined
 * to the first chunk of the section after it when both fit in {@code chunkSize}; failing that (the last
 * section, or a next chunk too large), to the last chunk before it when both fit. A joined chunk still
 * under the minimum that is its section's only chunk may join the next section again, so a run of small
 * sections becomes one chunk. A joined chunk keeps the heading path of where it starts. One per call.
 */
final class SmallSectionJoiner {
  private record Span(int start, int end, Section section) {}

  private final SpanSize size;
  private final int chunkSize;
  private final int minChunkSize;
  private final ChunkCollector chunks;
  /** A small section's only chunk, waiting to join the next section. */
  private Span pending;
  /** The last chunk, held back so that a small section after it can still join it. */
  private Span last;

  SmallSectionJoiner(SpanSize size, ChunkerConfig config, ChunkCollector chunks) {
    this.size = size;
    this.chunkSize = config.chunkSize();
    this.minChunkSize = config.minChunkSize();
    this.chunks = chunks;
  }

  void add(Section section, List<int[]> ranges) {
    if (ranges.isEmpty()) {
      return;
    }
    List<Span> rest = new ArrayList<>(ranges.size());
    ranges.forEach(r -> rest.add(new Span(r[0], r[1], section)));
    if (pending != null) {
      if (size.of(pending.start(), rest.get(0).end()) <= chunkSize) {
        rest.set(0, new Span(pending.start(), rest.get(0).end(), pending.section()));
      } else {
        settle(pending);
      }
      pending = null;
    }
    if (rest.size() == 1 && size.of(rest.get(0).start(), rest.get(0).end()) < minChunkSize) {
      pending = rest.get(0);
      return;
    }
    rest.forEach(this::emit);
  }

  void finish() {
    if (pending != null) {
      settle(pending);
      pending = null;
    }
    if (last != null) {
      chunks.add(last.start(), last.end(), last.section());
      last = null;
    }
  }

  /** A small section that cannot join the next one joins the chunk before it, or stands alone. */
  private void settle(Span small) {
    if (last != null && size.of(last.start(), small.end()) <= chunkSize) {
      last = new Span(last.start(), small.end(), last.section());
    } else {
      emit(small);
    }
  }

  private void emit(Span span) {
    if (last != null) {
      chunks.add(last.start(), last.end(), last.section());
    }
    last = span;
  }
}
