package dev.ingestion.chunk;

/**
 * Greedily merges the pieces of one section into chunks of at most {@code chunkSize} (characters or
 * tokens), each chunk after the first reaching back up to {@code chunkOverlap} into the one before.
 *
 * <p>A chunk starts at an overlap point (a word start inside the previous chunk's last {@code
 * chunkOverlap} characters) and takes pieces while its span still fits. The overlap point is moved
 * forward when the chunk's first new piece would not fit behind it, and dropped when no word start
 * is left, so the size limit always wins over the overlap. Used for one section of one call, then
 * dropped.
 */
final class ChunkAssembler implements SpanSink {
  private static final int NONE = -1;

  private final TextScan scan;
  private final SpanSize size;
  private final int chunkSize;
  private final int chunkOverlap;
  private final SpanSink chunks;
  private int previousStart = NONE;
  private int previousEnd = NONE;
  private int start = NONE;
  private int end = NONE;

  ChunkAssembler(TextScan scan, SpanSize size, ChunkerConfig config, SpanSink chunks) {
    this.scan = scan;
    this.size = size;
    this.chunkSize = config.chunkSize();
    this.chunkOverlap = config.chunkOverlap();
    this.chunks = chunks;
  }

  /** Takes the next piece; pieces arrive in text order and are each at most chunkSize long. */
  @Override
  public void accept(int pieceStart, int pieceEnd) {
    if (start != NONE && size.of(start, pieceEnd) <= chunkSize) {
      end = pieceEnd;
      return;
    }
    finish();
    start = startBefore(pieceStart, pieceEnd);
    end = pieceEnd;
  }

  /**
   * Emits the chunk being built, if any; the next piece starts a new chunk overlapping this one.
   */
  void finish() {
    if (start == NONE) {
      return;
    }
    chunks.accept(start, end);
    previousStart = start;
    previousEnd = end;
    start = NONE;
  }

  private int startBefore(int pieceStart, int pieceEnd) {
    if (previousEnd == NONE || chunkOverlap == 0) {
      return pieceStart;
    }
    int earliest = size.startWithin(previousStart + 1, previousEnd, chunkOverlap);
    int from = size.startWithin(earliest, pieceEnd, chunkSize);
    int wordStart = scan.nextWordStart(from, previousEnd);
    while (wordStart < previousEnd && !fits(wordStart, pieceEnd)) {
      wordStart = scan.nextWordStart(wordStart + 1, previousEnd);
    }
    return wordStart < previousEnd ? wordStart : pieceStart;
  }

  /** Always true for characters; for tokens, startWithin is a search that the chunk's own count confirms. */
  private boolean fits(int overlapStart, int pieceEnd) {
    return size.of(overlapStart, previousEnd) <= chunkOverlap && size.of(overlapStart, pieceEnd) <= chunkSize;
  }
}
