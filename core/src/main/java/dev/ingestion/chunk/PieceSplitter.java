package dev.ingestion.chunk;

/**
 * Cuts a range of text into pieces of at most {@code max} in size (characters or tokens), trying the coarsest
 * boundary first: paragraphs, then sentences, then words, then a hard cut. Only a unit that is
 * still too long is split further. Pieces come out in text order, trimmed of whitespace, with
 * nothing but whitespace between them. Each level scans its range once, so the whole split is
 * linear in the range length.
 */
final class PieceSplitter {
  private enum Level {
    PARAGRAPH,
    SENTENCE,
    WORD
  }

  private final TextScan scan;
  private final SpanSize size;
  private final int max;

  PieceSplitter(TextScan scan, SpanSize size, int max) {
    this.scan = scan;
    this.size = size;
    this.max = max;
  }

  void split(int start, int end, SpanSink pieces) {
    forEachParagraph(start, end, (s, e) -> emit(s, e, Level.PARAGRAPH, pieces));
  }

  private void emit(int start, int end, Level level, SpanSink pieces) {
    int s = scan.skipSpace(start, end);
    int e = scan.trimEnd(s, end);
    if (s == e) {
      return;
    }
    if (size.of(s, e) <= max) {
      pieces.accept(s, e);
      return;
    }
    switch (level) {
      case PARAGRAPH -> forEachSentence(s, e, (a, b) -> emit(a, b, Level.SENTENCE, pieces));
      case SENTENCE -> forEachWord(s, e, (a, b) -> emit(a, b, Level.WORD, pieces));
      case WORD -> hardSplit(s, e, pieces);
    }
  }

  /** Paragraphs end at a blank line (a line break, optional spaces, a line break) or U+2029. */
  private void forEachParagraph(int start, int end, SpanSink out) {
    int from = start;
    int i = start;
    while (i < end) {
      char c = scan.charAt(i);
      if (c == '\u2029') {
        out.accept(from, i);
        from = ++i;
      } else if (c == '\n') {
        int next = skipInlineSpace(i + 1, end);
        if (next < end && scan.charAt(next) == '\n') {
          out.accept(from, i);
          from = next + 1;
          next++;
        }
        i = next;
      } else {
        i++;
      }
    }
    out.accept(from, end);
  }

  private int skipInlineSpace(int start, int end) {
    int i = start;
    while (i < end && scan.charAt(i) != '\n' && scan.isSpace(i)) {
      i++;
    }
    return i;
  }

  /**
   * Sentences end after . ! ? (and the Arabic, Urdu and Devanagari marks) when whitespace follows,
   * after 。！？ always, and at every line break.
   */
  private void forEachSentence(int start, int end, SpanSink out) {
    int from = start;
    int i = start;
    while (i < end) {
      char c = scan.charAt(i);
      if (TextScan.isLineBreak(c)) {
        out.accept(from, i);
        from = ++i;
      } else if (TextScan.isCjkTerminal(c) || TextScan.isSpacedTerminal(c)) {
        int after = scan.skipClosers(i + 1, end);
        if (TextScan.isCjkTerminal(c) || after == end || scan.isSpace(after)) {
          out.accept(from, after);
          from = after;
        }
        i = after;
      } else {
        i++;
      }
    }
    out.accept(from, end);
  }

  private void forEachWord(int start, int end, SpanSink out) {
    int i = scan.skipSpace(start, end);
    while (i < end) {
      int wordEnd = scan.skipNonSpace(i, end);
      out.accept(i, wordEnd);
      i = scan.skipSpace(wordEnd, end);
    }
  }

  private void hardSplit(int start, int end, SpanSink pieces) {
    int s = start;
    while (size.of(s, end) > max) {
      int cut = scan.safeCut(s, Math.min(end, s + max));
      // Counted in tokens, a character can be more than one token: halve until the part fits.
      while (cut - s > 1 && size.of(s, cut) > max) {
        cut = scan.safeCut(s, s + (cut - s) / 2);
      }
      pieces.accept(s, cut);
      s = cut;
    }
    pieces.accept(s, end);
  }
}
