package dev.ingestion.chunk;

/**
 * Character classification over one text, by index. Nothing here allocates or looks further than
 * the range it is given, so every scan built on it stays linear in the text length.
 */
final class TextScan {
  /** Longest run of combining characters a hard cut steps back over before giving up on it. */
  private static final int MAX_CLUSTER_BACKOFF = 32;

  private static final char ZERO_WIDTH_JOINER = '\u200D';

  private final String text;

  TextScan(String text) {
    this.text = text;
  }

  char charAt(int index) {
    return text.charAt(index);
  }

  boolean isSpace(int index) {
    return Character.isWhitespace(text.charAt(index));
  }

  /** First index in [start, end) that is not whitespace, or end. */
  int skipSpace(int start, int end) {
    int i = start;
    while (i < end && isSpace(i)) {
      i++;
    }
    return i;
  }

  /** First index in [start, end) that is whitespace, or end. */
  int skipNonSpace(int start, int end) {
    int i = start;
    while (i < end && !isSpace(i)) {
      i++;
    }
    return i;
  }

  /** End of [start, end) with trailing whitespace removed; never below start. */
  int trimEnd(int start, int end) {
    int i = end;
    while (i > start && isSpace(i - 1)) {
      i--;
    }
    return i;
  }

  /**
   * Marks that end a sentence only when whitespace (or the range end) follows, so "3.14" and
   * "e.g.x" stay whole: . ! ? and the Arabic question mark, Urdu full stop and Devanagari danda.
   */
  static boolean isSpacedTerminal(char c) {
    return c == '.' || c == '!' || c == '?' || c == '\u061F' || c == '\u06D4' || c == '\u0964';
  }

  /** CJK full stops and marks end a sentence whether or not whitespace follows. */
  static boolean isCjkTerminal(char c) {
    return c == '\u3002' || c == '\uFF01' || c == '\uFF1F' || c == '\uFF61';
  }

  static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u2028' || c == '\u0085';
  }

  /**
   * Closing quotes and brackets that belong to the sentence they follow: {@code "Stop." He left.}
   */
  static boolean isCloser(char c) {
    int type = Character.getType(c);
    return c == '"'
        || c == '\''
        || type == Character.END_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION;
  }

  /** First index in [start, end) that is not a closing quote or bracket, or end. */
  int skipClosers(int start, int end) {
    int i = start;
    while (i < end && isCloser(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * True when a cut at {@code index} would split a user-perceived character: the code point there
   * is a combining mark, variation selector or emoji modifier, or the character before is a
   * zero-width joiner.
   */
  boolean splitsCluster(int index) {
    if (index <= 0 || index >= text.length()) {
      return false;
    }
    return isExtender(text.codePointAt(index)) || text.charAt(index - 1) == ZERO_WIDTH_JOINER;
  }

  boolean splitsSurrogatePair(int index) {
    return index > 0
        && index < text.length()
        && Character.isHighSurrogate(text.charAt(index - 1))
        && Character.isLowSurrogate(text.charAt(index));
  }

  /**
   * Where to cut a run that has no whitespace so the first part ends at or before {@code limit} (>
   * start). Steps back off a surrogate pair always, and off a combining sequence when that is
   * short; a part is never empty, so with a limit of one char past start a pair is split rather
   * than the size exceeded.
   */
  int safeCut(int start, int limit) {
    int cut = splitsSurrogatePair(limit) ? limit - 1 : limit;
    if (cut <= start) {
      return limit;
    }
    int clusterCut = stepBackOverCluster(start, cut);
    return clusterCut > start ? clusterCut : cut;
  }

  private int stepBackOverCluster(int start, int cut) {
    int i = cut;
    for (int steps = 0; i > start && splitsCluster(i); steps++) {
      if (steps == MAX_CLUSTER_BACKOFF) {
        return start;
      }
      i = splitsSurrogatePair(i - 1) ? i - 2 : i - 1;
    }
    return i;
  }

  /**
   * First index in [from, limit) where a chunk may start without cutting a word: after whitespace,
   * or next to a Han, Hiragana or Katakana character (scripts written without spaces). Returns
   * limit if there is none. {@code from} must be at least 1.
   */
  int nextWordStart(int from, int limit) {
    for (int i = from; i < limit; i++) {
      if (isWordStart(i)) {
        return i;
      }
    }
    return limit;
  }

  private boolean isWordStart(int index) {
    char c = text.charAt(index);
    if (Character.isWhitespace(c) || Character.isLowSurrogate(c) || splitsCluster(index)) {
      return false;
    }
    if (isSpace(index - 1)) {
      return true;
    }
    int at = text.codePointAt(index);
    return (isUnspacedScript(text.codePointBefore(index)) || isUnspacedScript(at))
        && !isTrailingPunctuation(at);
  }

  private static boolean isExtender(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || codePoint == ZERO_WIDTH_JOINER
        || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF);
  }

  private static boolean isUnspacedScript(int codePoint) {
    if (codePoint < 0x2E80) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }

  private static boolean isTrailingPunctuation(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.OTHER_PUNCTUATION
        || type == Character.END_PUNCTUATION
        || type == Character.FINAL_QUOTE_PUNCTUATION;
  }
}
