package dev.ingestion.chunk;

/**
 * Keeps a section's heading with the text after it. The first text segment after the heading is cut
 * into pieces small enough that its first piece fits in one chunk beside the heading, so no chunk holds
 * the heading alone; later segments use the normal splitter. One per section.
 */
final class HeadingGlue {
  private final TextScan scan;
  private final SpanSize size;
  private final int chunkSize;
  private final int sectionStart;
  private boolean headingSeen;
  private boolean glued;

  HeadingGlue(Section section, TextScan scan, SpanSize size, int chunkSize) {
    this.scan = scan;
    this.size = size;
    this.chunkSize = chunkSize;
    this.sectionStart = section.start();
    this.glued = !section.headed();
  }

  /** The splitter for the segment [start, end): a narrower one for the first text after the heading. */
  PieceSplitter splitter(int start, int end, PieceSplitter normal) {
    if (glued) {
      return normal;
    }
    if (!headingSeen) {
      headingSeen = true;
      return normal;
    }
    int textStart = scan.skipSpace(start, end);
    if (textStart == end) {
      return normal;
    }
    glued = true;
    int room = chunkSize - size.of(sectionStart, textStart);
    return room >= chunkSize / 2 && room < size.of(textStart, end) ? new PieceSplitter(scan, size, room) : normal;
  }
}
