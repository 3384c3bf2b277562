package dev.ingestion.search;

import java.util.List;
import java.util.Locale;

/** A short excerpt of a chunk around the first query word it contains (or its start). */
final class Snippets {
  static final int LENGTH = 240;

  private Snippets() {}

  static String around(String text, List<String> terms) {
    String flat = text.replaceAll("\\s+", " ").trim();
    if (flat.length() <= LENGTH) {
      return flat;
    }
    String lower = flat.toLowerCase(Locale.ROOT);
    int at = -1;
    for (String t : terms) {
      int i = lower.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) {
        at = i;
      }
    }
    int start = Math.max(0, at < 0 ? 0 : at - LENGTH / 3);
    int space = start == 0 ? 0 : flat.indexOf(' ', start);
    start = space < 0 || space - start > 20 ? start : space + 1;
    int end = Math.min(flat.length(), start + LENGTH);
    return (start > 0 ? "..." : "") + flat.substring(start, end).trim() + (end < flat.length() ? "..." : "");
  }
}
