package dev.ingestion.chunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token counts of ranges of one text, from the counts of its words: the text is cut once into words
 * (runs between spaces, tabs and line breaks), each distinct word is counted once, and a range's count is
 * the sum over the words it holds, by prefix sums, plus direct counts of a word it cuts at either end. That
 * is the tokenizer's own count of the range as long as the tokenizer never joins words across a space,
 * which WordPiece (and every tokenizer that splits on whitespace first) does not. One per call.
 */
final class TokenSpanSize extends SpanSize {
  private final String text;
  private final TokenCounter counter;
  private final int[] wordStarts;
  private final int[] wordEnds;
  /** Tokens of words 0..i-1. */
  private final long[] before;

  TokenSpanSize(String text, TokenCounter counter) {
    this.text = text;
    this.counter = counter;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int n = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && splits(text.charAt(i))) {
        i++;
      }
      if (i == text.length()) {
        break;
      }
      int start = i;
      while (i < text.length() && !splits(text.charAt(i))) {
        i++;
      }
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
      }
      starts[n] = start;
      ends[n++] = i;
    }
    wordStarts = Arrays.copyOf(starts, n);
    wordEnds = Arrays.copyOf(ends, n);
    before = countWords();
  }

  /** Characters every whitespace-splitting tokenizer splits at: space, tab, line breaks, other space separators. */
  private static boolean splits(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || Character.getType(c) == Character.SPACE_SEPARATOR;
  }

  /** Prefix sums of the words' counts; each distinct word is counted once, all in one call. */
  private long[] countWords() {
    Map<String, Integer> index = new HashMap<>();
    List<String> distinct = new ArrayList<>();
    int[] wordIndex = new int[wordStarts.length];
    for (int w = 0; w < wordStarts.length; w++) {
      String word = text.substring(wordStarts[w], wordEnds[w]);
      wordIndex[w] = index.computeIfAbsent(word, k -> {
        distinct.add(k);
        return distinct.size() - 1;
      });
    }
    int[] counts = distinct.isEmpty() ? new int[0] : counter.countEach(distinct);
    long[] sums = new long[wordStarts.length + 1];
    for (int w = 0; w < wordStarts.length; w++) {
      sums[w + 1] = sums[w] + counts[wordIndex[w]];
    }
    return sums;
  }

  @Override
  int of(int start, int end) {
    if (end <= start) {
      return 0;
    }
    int first = firstWordEndingAfter(start);
    int past = firstWordStartingAt(end);
    if (first >= past) {
      return 0;
    }
    boolean cutsFirst = start > wordStarts[first];
    boolean cutsLast = end < wordEnds[past - 1];
    if (first == past - 1 && (cutsFirst || cutsLast)) {
      return count(Math.max(start, wordStarts[first]), Math.min(end, wordEnds[first]));
    }
    long tokens = before[past] - before[first];
    if (cutsFirst) {
      tokens += count(start, wordEnds[first]) - (before[first + 1] - before[first]);
    }
    if (cutsLast) {
      tokens += count(wordStarts[past - 1], end) - (before[past] - before[past - 1]);
    }
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }

  /** The index of the first word whose end is after {@code offset}, or the number of words. */
  private int firstWordEndingAfter(int offset) {
    int lo = 0;
    int hi = wordEnds.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (wordEnds[mid] <= offset) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int count(int start, int end) {
    return end <= start ? 0 : counter.count(text.substring(start, end));
  }

  /**
   * The first word start at or after {@code from} whose range to {@code end} fits, by binary search over
   * the word starts only, so each probe is a prefix-sum difference (plus the word {@code end} cuts, if any).
   */
  @Override
  int startWithin(int from, int end, int max) {
    int lo = firstWordStartingAt(from);
    int hi = firstWordStartingAt(end);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (of(wordStarts[mid], end) <= max) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo < wordStarts.length ? Math.min(wordStarts[lo], Math.max(from, end)) : Math.max(from, end);
  }

  /** The index of the first word starting at or after {@code offset}, or the number of words. */
  private int firstWordStartingAt(int offset) {
    int found = Arrays.binarySearch(wordStarts, offset);
    return found >= 0 ? found : -found - 1;
  }
}
