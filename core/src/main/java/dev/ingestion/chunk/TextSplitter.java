package dev.ingestion.chunk;

import java.util.List;

/**
 * Splits a range of text into pieces no longer than a limit, trying boundaries from coarse to fine:
 * paragraphs (blank lines), lines, sentences, words, then a hard cut that never separates a surrogate
 * pair or a base character from its combining marks. Works on index ranges; never copies the text.
 */
final class TextSplitter {
  private TextSplitter() {}

  enum Level { PARAGRAPH, LINE, SENTENCE, WORD, CHAR }

  /** Appends to {@code out} pairs [start, end) covering [from, to), each at most {@code max} chars. */
  static void split(CharSequence text, int from, int to, int max, Level level, List<int[]> out) {
    if (to - from <= max) {
      out.add(new int[] {from, to});
      return;
    }
    if (level == Level.CHAR) {
      hardSplit(text, from, to, max, out);
      return;
    }
    Level finer = Level.values()[level.ordinal() + 1];
    int pieceStart = from;
    int i = from;
    boolean split = false;
    while (i < to) {
      int boundary = boundaryAt(text, i, to, level);
      if (boundary > i) {
        split(text, pieceStart, boundary, max, finer, out);
        pieceStart = boundary;
        i = boundary;
        split = true;
      } else {
        i++;
      }
    }
    if (pieceStart < to) {
      split(text, pieceStart, to, max, split ? finer : finer, out);
    }
  }

  /**
   * If a boundary of {@code level} ends at position i (the separator belongs to the piece before it),
   * returns the index just after the separator; otherwise returns i (no boundary).
   */
  private static int boundaryAt(CharSequence text, int i, int to, Level level) {
    char c = text.charAt(i);
    switch (level) {
      case PARAGRAPH -> {
        if (c == '\n') {
          int j = i + 1;
          while (j < to && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
            j++;
          }
          if (j < to && text.charAt(j) == '\n') {
            int k = j + 1;
            while (k < to && Character.isWhitespace(text.charAt(k))) {
              k++;
            }
            return k;
          }
        }
        return i;
      }
      case LINE -> {
        return c == '\n' ? i + 1 : i;
      }
      case SENTENCE -> {
        if (c == '。' || c == '！' || c == '？' || c == '؟' || c == '।') {
          int j = i + 1;
          while (j < to && Character.isWhitespace(text.charAt(j))) {
            j++;
          }
          return j;
        }
        if ((c == '.' || c == '!' || c == '?') && i + 1 < to && Character.isWhitespace(text.charAt(i + 1))) {
          int j = i + 1;
          while (j < to && Character.isWhitespace(text.charAt(j))) {
            j++;
          }
          return j;
        }
        return i;
      }
      case WORD -> {
        if (Character.isWhitespace(c)) {
          int j = i + 1;
          while (j < to && Character.isWhitespace(text.charAt(j))) {
            j++;
          }
          return j;
        }
        return i;
      }
      default -> {
        return i;
      }
    }
  }

  private static void hardSplit(CharSequence text, int from, int to, int max, List<int[]> out) {
    int start = from;
    while (to - start > max) {
      int cut = safeCut(text, start, start + max);
      out.add(new int[] {start, cut});
      start = cut;
    }
    if (start < to) {
      out.add(new int[] {start, to});
    }
  }

  /** Moves a cut left so it does not fall inside a surrogate pair or before a combining mark. */
  static int safeCut(CharSequence text, int start, int cut) {
    int c = cut;
    while (c > start + 1 && c < text.length()
        && (Character.isLowSurrogate(text.charAt(c)) || isCombining(text.charAt(c)))) {
      c--;
    }
    return c > start ? c : cut;
  }

  private static boolean isCombining(char ch) {
    int type = Character.getType(ch);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK || ch == '\u200D' || (ch >= '\uFE00' && ch <= '\uFE0F');
  }
}
