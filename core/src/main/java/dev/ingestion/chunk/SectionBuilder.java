package dev.ingestion.chunk;

import dev.ingestion.model.TextBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Turns ordered blocks into sections, keeping the stack of open headings: a heading closes every
 * open heading of the same or a deeper level, so an h2 under an h1 has the path [h1, h2] and the
 * next h1 starts again from [h1']. A heading followed directly by another heading has no text of
 * its own: it stays in the next heading's section, whose path it is part of or precedes.
 */
final class SectionBuilder {
  private record OpenHeading(int level, String title) {}

  private final String text;
  private final Deque<OpenHeading> open = new ArrayDeque<>();
  private final List<Section> sections = new ArrayList<>();
  private List<TextBlock> blocks = List.of();

  SectionBuilder(String text) {
    this.text = text;
  }

  List<Section> build(List<TextBlock> blocks) {
    this.blocks = blocks;
    int start = 0;
    int firstBlock = 0;
    List<String> path = List.of();
    for (int i = 0; i < blocks.size(); i++) {
      TextBlock block = blocks.get(i);
      if (block.kind() == TextBlock.Kind.HEADING) {
        boolean onlyHeadings = i > firstBlock && allHeadings(blocks, firstBlock, i);
        if (!onlyHeadings) {
          close(start, block.start(), path, firstBlock, i);
          start = block.start();
          firstBlock = i;
        }
        path = enter(block);
      }
    }
    close(start, text.length(), path, firstBlock, blocks.size());
    return List.copyOf(sections);
  }

  private static boolean allHeadings(List<TextBlock> blocks, int from, int to) {
    for (int i = from; i < to; i++) {
      if (blocks.get(i).kind() != TextBlock.Kind.HEADING) {
        return false;
      }
    }
    return true;
  }

  private void close(int start, int end, List<String> path, int firstBlock, int endBlock) {
    if (end > start) {
      boolean headed = firstBlock < blocks.size() && blocks.get(firstBlock).kind() == TextBlock.Kind.HEADING
          && blocks.get(firstBlock).start() <= start;
      sections.add(new Section(start, end, path, firstBlock, endBlock, headed));
    }
  }

  private List<String> enter(TextBlock heading) {
    int level = Math.max(1, heading.level());
    while (!open.isEmpty() && open.peekLast().level() >= level) {
      open.removeLast();
    }
    open.addLast(new OpenHeading(level, title(heading)));
    return open.stream().map(OpenHeading::title).filter(t -> !t.isEmpty()).toList();
  }

  /**
   * The heading's text with runs of whitespace (line breaks in a wrapped heading) made single
   * spaces.
   */
  private String title(TextBlock heading) {
    StringBuilder title = new StringBuilder(heading.end() - heading.start());
    boolean pendingSpace = false;
    for (int i = heading.start(); i < heading.end(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        pendingSpace = title.length() > 0;
      } else {
        if (pendingSpace) {
          title.append(' ');
          pendingSpace = false;
        }
        title.append(c);
      }
    }
    return title.toString();
  }
}
