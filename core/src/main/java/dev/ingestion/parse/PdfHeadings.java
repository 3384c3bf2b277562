package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the headings of a PDF, whose text comes without markup. With bookmarks, each bookmark title is
 * looked up, in order, as the first line of a later block; a match becomes a heading of the bookmark's
 * depth, split from the text after it on the same block. Titles found nowhere (bookmarks that name a
 * place rather than a heading) are skipped. Without bookmarks, short numbered lines ("2.1 Scope") that
 * stand alone as a block become headings, one level per number part. Headings found from fonts
 * ({@link PdfFontHeadings}), for documents with neither, are placed as bookmark titles are.
 */
final class PdfHeadings {
  private static final Pattern NUMBERED =
      Pattern.compile("((?:\\d{1,2}\\.){0,4}\\d{1,2})\\.?\\s+(\\p{Lu}[^\\n]{1,78})");
  private static final int MAX_HEADING_WORDS = 12;

  private PdfHeadings() {}

  static List<RawBlock> apply(List<RawBlock> blocks, List<OutlineEntry> outline) {
    return outline.isEmpty() ? numbered(blocks) : fromOutline(blocks, outline);
  }

  private static List<RawBlock> fromOutline(List<RawBlock> blocks, List<OutlineEntry> outline) {
    List<String> keys = blocks.stream().map(b -> key(b.firstLine())).toList();
    RawBlock[] found = new RawBlock[blocks.size()];
    int cursor = 0;
    for (OutlineEntry entry : outline) {
      String title = key(entry.title());
      for (int i = cursor; i < blocks.size() && !title.isEmpty(); i++) {
        if (found[i] == null && keys.get(i).equals(title)) {
          found[i] = blocks.get(i).asHeading(Math.min(6, entry.level()));
          cursor = i + 1;
          break;
        }
      }
    }
    List<RawBlock> out = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      addSplit(out, found[i] == null ? blocks.get(i) : found[i], blocks.get(i));
    }
    return out;
  }

  /** A heading found on a block's first line: the heading, then the rest of the block as it was. */
  private static void addSplit(List<RawBlock> out, RawBlock maybeHeading, RawBlock original) {
    String first = original.firstLine();
    if (maybeHeading == original || first.length() == original.text().length()) {
      out.add(maybeHeading);
      return;
    }
    out.add(maybeHeading.withText(first.strip()));
    out.add(original.withText(original.text().substring(first.length()).strip()));
  }

  /** Whether the numbered-heading rule finds a heading: then the fonts are not needed. */
  static boolean hasNumbered(List<RawBlock> blocks) {
    return numbered(blocks).stream().anyMatch(b -> b.kind() == dev.ingestion.model.TextBlock.Kind.HEADING);
  }

  private static List<RawBlock> numbered(List<RawBlock> blocks) {
    List<RawBlock> out = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      RawBlock b = blocks.get(i);
      int level = numberedLevel(b);
      boolean bodyFollows = i + 1 < blocks.size() && numberedLevel(blocks.get(i + 1)) == 0;
      out.add(level > 0 && bodyFollows ? b.asHeading(level) : b);
    }
    return out;
  }

  private static int numberedLevel(RawBlock b) {
    if (b.kind() != dev.ingestion.model.TextBlock.Kind.BODY || b.text().indexOf('\n') >= 0) {
      return 0;
    }
    Matcher m = NUMBERED.matcher(b.text());
    if (!m.matches()) {
      return 0;
    }
    String title = m.group(2).strip();
    char last = title.charAt(title.length() - 1);
    if (last == '.' || last == ',' || last == ';' || title.split("\\s+").length > MAX_HEADING_WORDS) {
      return 0;
    }
    return Math.min(6, m.group(1).split("\\.").length);
  }

  /**
   * Letters and digits only, lower case, without a leading section number: bookmark titles and printed
   * headings differ in spacing, dots and whether the number is shown.
   */
  static String key(String s) {
    StringBuilder k = new StringBuilder(s.length());
    s.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(k::appendCodePoint);
    int start = 0;
    while (start < k.length() && Character.isDigit(k.charAt(start))) {
      start++;
    }
    return k.substring(start);
  }
}
