package dev.ingestion.parse;

import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins blocks into the document's text, a blank line between blocks, and records where each block
 * lies. Words split by a hyphen at a line end are joined on the way (see {@link Dehyphenator}), and the
 * permalink sign documentation generators end headings with ("Install¶") is dropped at a line's end;
 * code and tables are kept as they are.
 */
record BlockText(String text, List<TextBlock> blocks) {
  static BlockText of(List<RawBlock> raw) {
    Dehyphenator dehyphenator = Dehyphenator.of(raw);
    StringBuilder text = new StringBuilder();
    List<TextBlock> blocks = new ArrayList<>(raw.size());
    for (RawBlock b : raw) {
      boolean verbatim = b.kind() == TextBlock.Kind.CODE || b.kind() == TextBlock.Kind.TABLE;
      String body = b.text();
      if (!verbatim) {
        body = dehyphenator.apply(b);
        if (b.has(RawBlock.PERMALINK_SIGN)) {
          body = dropPermalinkSigns(body);
        }
      }
      if (body.isEmpty()) {
        continue;
      }
      if (!text.isEmpty()) {
        text.append("\n\n");
      }
      int start = text.length();
      text.append(body);
      blocks.add(b.kind() == TextBlock.Kind.HEADING
          ? TextBlock.heading(b.level(), start, text.length(), b.page())
          : TextBlock.of(b.kind(), start, text.length(), b.page()));
    }
    return new BlockText(text.toString(), List.copyOf(blocks));
  }

  /** Drops each run of permalink signs that ends its line, with the spaces and tabs around it. */
  private static String dropPermalinkSigns(String text) {
    int sign = text.indexOf('\u00B6');
    if (sign < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    while (sign >= 0) {
      int end = sign;
      while (end < text.length() && text.charAt(end) == '\u00B6') {
        end++;
      }
      int after = end;
      while (after < text.length() && isSpaceOrTab(text.charAt(after))) {
        after++;
      }
      if (after == text.length() || text.charAt(after) == '\n') {
        int before = sign;
        while (before > copied && isSpaceOrTab(text.charAt(before - 1))) {
          before--;
        }
        out.append(text, copied, before);
        copied = after;
      }
      sign = text.indexOf('\u00B6', end);
    }
    return out.append(text, copied, text.length()).toString().strip();
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }
}
