package dev.ingestion.chunk;

import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A document's blocks, made safe to walk, and the sections they define. Sections partition the
 * whole text, so text outside every block (which should be whitespace) is still chunked rather than
 * lost.
 */
final class DocumentOutline {
  private final List<TextBlock> blocks;
  private final int[] blockStarts;
  private final List<Section> sections;

  private DocumentOutline(List<TextBlock> blocks, List<Section> sections) {
    this.blocks = blocks;
    this.blockStarts = blocks.stream().mapToInt(TextBlock::start).toArray();
    this.sections = sections;
  }

  static DocumentOutline of(String text, List<TextBlock> rawBlocks) {
    List<TextBlock> blocks = normalize(text.length(), rawBlocks);
    return new DocumentOutline(blocks, new SectionBuilder(text).build(blocks));
  }

  List<Section> sections() {
    return sections;
  }

  /**
   * The page of the block containing {@code offset}; in a gap, the block before it; before the
   * first block, the first block. Null when that block has no page.
   */
  Integer pageAt(int offset) {
    int found = Arrays.binarySearch(blockStarts, offset);
    int index = found >= 0 ? found : Math.max(0, -found - 2);
    return blocks.get(index).page();
  }

  /**
   * The kind of block that holds most of {@code start..end}, headings aside; a heading when nothing
   * else is there. Text between blocks counts for the block before it.
   */
  TextBlock.Kind kindOf(int start, int end) {
    int found = Arrays.binarySearch(blockStarts, start);
    int first = found >= 0 ? found : Math.max(0, -found - 2);
    int[] chars = new int[TextBlock.Kind.values().length];
    for (int i = first; i < blocks.size() && blocks.get(i).start() < end; i++) {
      int blockEnd = i + 1 < blocks.size() ? blocks.get(i + 1).start() : end;
      chars[blocks.get(i).kind().ordinal()] += Math.max(0, Math.min(end, blockEnd) - Math.max(start, blocks.get(i).start()));
    }
    TextBlock.Kind best = TextBlock.Kind.HEADING;
    for (TextBlock.Kind k : TextBlock.Kind.values()) {
      if (k != TextBlock.Kind.HEADING && chars[k.ordinal()] > 0
          && (best == TextBlock.Kind.HEADING || chars[k.ordinal()] > chars[best.ordinal()])) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Hands over a section's blocks and the gaps around them, in order, covering the whole section.
   */
  void forEachSegment(Section section, SpanSink segments) {
    int cursor = section.start();
    for (int i = section.firstBlock(); i < section.endBlock(); i++) {
      TextBlock block = blocks.get(i);
      if (block.start() > cursor) {
        segments.accept(cursor, block.start());
      }
      segments.accept(block.start(), block.end());
      cursor = block.end();
    }
    if (cursor < section.end()) {
      segments.accept(cursor, section.end());
    }
  }

  /**
   * Clamps blocks to the text, drops empty ones and trims any that overlap the block before, so the
   * result is ordered and non-overlapping whatever the parser produced. No blocks at all means one
   * body block over the whole text, with no page.
   */
  private static List<TextBlock> normalize(int length, List<TextBlock> rawBlocks) {
    List<TextBlock> blocks = new ArrayList<>(rawBlocks.size());
    int floor = 0;
    for (TextBlock raw : rawBlocks) {
      int start = Math.max(floor, Math.min(raw.start(), length));
      int end = Math.min(raw.end(), length);
      if (end > start) {
        blocks.add(new TextBlock(raw.kind(), raw.level(), start, end, raw.page()));
        floor = end;
      }
    }
    if (blocks.isEmpty()) {
      blocks.add(TextBlock.body(0, length, null));
    }
    return List.copyOf(blocks);
  }
}
