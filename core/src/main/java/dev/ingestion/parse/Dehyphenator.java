package dev.ingestion.parse;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Joins words a line end split with a hyphen ("inter-\nnational" to "international") and keeps the
 * hyphen where the word really has one ("well-\nknown" to "well-known"): when the document writes the
 * same compound with a hyphen elsewhere, when the first part is a prefix that usually takes a hyphen, or
 * when either part is not a lower-case word (a number, a name). Soft hyphens (U+00AD) always go.
 */
final class Dehyphenator {
  private static final Set<String> HYPHEN_PREFIXES = Set.of("self", "well", "ex", "all", "half", "cross",
      "non", "co", "anti", "pre", "post", "multi", "semi", "high", "low", "long", "short", "full", "built",
      "read", "open", "user", "time", "run", "end", "real", "third", "first", "second");

  private final List<RawBlock> blocks;
  /** The compounds written with a hyphen inside a line: learnt on the first split word between letters. */
  private Set<String> hyphenated;

  private Dehyphenator(List<RawBlock> blocks) {
    this.blocks = blocks;
  }

  /** For the blocks of one document, whose hyphenated compounds decide what a split word becomes. */
  static Dehyphenator of(List<RawBlock> blocks) {
    return new Dehyphenator(blocks);
  }

  /** The block's text with its line-end hyphens resolved and its soft hyphens gone. */
  String apply(RawBlock block) {
    return apply(block.text(), block.has(RawBlock.LINE_END_HYPHEN), block.has(RawBlock.SOFT_HYPHEN));
  }

  /** The same for a text whose marks are not known: it is searched for both. */
  String apply(String text) {
    return apply(text, true, true);
  }

  private String apply(String text, boolean lineEnds, boolean softHyphens) {
    int hyphen = lineEnds ? text.indexOf("-\n") : -1;
    int soft = softHyphens ? text.indexOf('\u00AD') : -1;
    if (hyphen < 0 && soft < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (hyphen >= 0 || soft >= 0) {
      int next = hyphen < 0 ? soft : soft < 0 ? hyphen : Math.min(hyphen, soft);
      out.append(text, i, next);
      i = next;
      if (text.charAt(i) == '\u00AD') {
        i = skipSoftHyphen(text, i);
      } else if (lettersBefore(out) > 0 && i + 2 < text.length() && Character.isLetter(text.charAt(i + 2))) {
        if (keepsHyphen(wordBefore(out), wordAfter(text, i + 2))) {
          out.append('-');
        }
        i += 2;
      } else {
        out.append(text, i, i + 2);
        i += 2;
      }
      // each search starts again only once passed, so a long text is read once for each kind of break
      if (hyphen >= 0 && hyphen < i) {
        hyphen = text.indexOf("-\n", i);
      }
      if (soft >= 0 && soft < i) {
        soft = text.indexOf('\u00AD', i);
      }
    }
    return out.append(text, i, text.length()).toString();
  }

  private boolean keepsHyphen(String left, String right) {
    String l = left.toLowerCase(Locale.ROOT);
    return HYPHEN_PREFIXES.contains(l) || !isLowerWord(left.substring(left.length() - 1)) || !isLowerWord(right)
        || left.length() < 2 || compounds().contains(l + "-" + right.toLowerCase(Locale.ROOT));
  }

  private Set<String> compounds() {
    if (hyphenated == null) {
      hyphenated = new HashSet<>();
      for (RawBlock b : blocks) {
        collectCompounds(b.text(), hyphenated);
      }
    }
    return hyphenated;
  }

  /** A soft hyphen disappears, and so does the line break right after it. */
  private static int skipSoftHyphen(String text, int i) {
    return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
  }

  private static void collectCompounds(String text, Set<String> out) {
    for (int i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
      if (i + 1 < text.length() && Character.isLetter(text.charAt(i - 1)) && Character.isLetter(text.charAt(i + 1))) {
        out.add((wordEndingAt(text, i) + "-" + wordAfter(text, i + 1)).toLowerCase(Locale.ROOT));
      }
    }
  }

  private static boolean isLowerWord(String w) {
    return !w.isEmpty() && w.chars().allMatch(Character::isLowerCase);
  }

  private static int lettersBefore(CharSequence s) {
    int n = 0;
    for (int i = s.length() - 1; i >= 0 && Character.isLetter(s.charAt(i)); i--) {
      n++;
    }
    return n;
  }

  private static String wordBefore(StringBuilder out) {
    return out.substring(out.length() - lettersBefore(out));
  }

  private static String wordEndingAt(String text, int end) {
    int s = end;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    return text.substring(s, end);
  }

  private static String wordAfter(String text, int start) {
    int e = start;
    while (e < text.length() && Character.isLetter(text.charAt(e))) {
      e++;
    }
    return text.substring(start, e);
  }
}
