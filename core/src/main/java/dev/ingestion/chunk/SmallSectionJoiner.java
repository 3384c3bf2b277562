package dev.ingestion.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Passes each section's chunk ranges on, except that a section whose whole text is one chunk under
 * {@code minChunkSize} (a heading and a line) is joined to the first chunk of the section after it when
 * both fit in {@code chunkSize}. The joined chunk keeps the heading path of where it starts, and its text
 * holds both headings. One per call.
 */
final class SmallSectionJoiner {
  private final int chunkSize;
  private final int minChunkSize;
  private final ChunkCollector chunks;
  private Section pendingSection;
  private int[] pending;

  SmallSectionJoiner(ChunkerConfig config, ChunkCollector chunks) {
    this.chunkSize = config.chunkSize();
    this.minChunkSize = config.minChunkSize();
    this.chunks = chunks;
  }

  void add(Section section, List<int[]> ranges) {
    List<int[]> rest = new ArrayList<>(ranges);
    if (pending != null && !rest.isEmpty() && rest.get(0)[1] - pending[0] <= chunkSize) {
      rest.set(0, new int[] {pending[0], rest.get(0)[1]});
      emit(pendingSection, rest.remove(0));
      pending = null;
    }
    finish();
    if (rest.size() == 1 && rest.get(0)[1] - rest.get(0)[0] < minChunkSize) {
      pendingSection = section;
      pending = rest.get(0);
      return;
    }
    rest.forEach(r -> emit(section, r));
  }

  void finish() {
    if (pending != null) {
      emit(pendingSection, pending);
      pending = null;
    }
  }

  private void emit(Section section, int[] range) {
    chunks.add(range[0], range[1], section);
  }
}
