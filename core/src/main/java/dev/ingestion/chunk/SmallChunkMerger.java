package dev.ingestion.chunk;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds a section's chunk ranges and, when the section is done, merges each one shorter than {@code
 * minChunkSize} into the chunk after it, or else the one before, when the merged range still fits in
 * {@code chunkSize}. Ranges never cross the section, so neither do merges. One per section.
 */
final class SmallChunkMerger implements SpanSink {
  private final TextScan scan;
  private final SpanSize size;
  private final int chunkSize;
  private final int minChunkSize;
  private final List<int[]> ranges = new ArrayList<>();

  SmallChunkMerger(TextScan scan, SpanSize size, ChunkerConfig config) {
    this.scan = scan;
    this.size = size;
    this.chunkSize = config.chunkSize();
    this.minChunkSize = config.minChunkSize();
  }

  @Override
  public void accept(int start, int end) {
    int s = scan.skipSpace(start, end);
    int e = scan.trimEnd(s, end);
    if (s < e) {
      ranges.add(new int[] {s, e});
    }
  }

  /** The section's chunk ranges after merging, as {start, end} pairs in order. */
  List<int[]> drain() {
    int i = 0;
    while (i < ranges.size()) {
      int[] r = ranges.get(i);
      boolean small = size.of(r[0], r[1]) < minChunkSize;
      if (small && i + 1 < ranges.size() && size.of(r[0], ranges.get(i + 1)[1]) <= chunkSize) {
        ranges.get(i + 1)[0] = r[0];
        ranges.remove(i);
      } else if (small && i > 0 && size.of(ranges.get(i - 1)[0], r[1]) <= chunkSize) {
        ranges.get(i - 1)[1] = r[1];
        ranges.remove(i);
        i = Math.max(0, i - 1);
      } else {
        i++;
      }
    }
    List<int[]> out = List.copyOf(ranges);
    ranges.clear();
    return out;
  }
}
