package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes what a paged document prints on every page rather than says: running headers and footers (the
 * first or last line of a page when, digits aside, the same line opens or closes at least half of the
 * pages and at least three) and page numbers ("12", "- 12 -", "Page 3 of 10", "iv") at the top or bottom
 * of a page.
 */
final class PageFurniture {
  /** On a line whose whitespace runs are single spaces; no two adjacent parts can match the same text. */
  private static final Pattern PAGE_NUMBER = Pattern.compile(
      "(?i)(?:(?:page|seite|página|pagina) )?[-–—(\\[]? ?(?:\\d{1,4}|[ivxlc]{1,7}) ?[-–—)\\]]?"
          + "(?: (?:of|von|de|sur) \\d{1,4}| ?/ ?\\d{1,4})?");
  private static final int MAX_PAGE_NUMBER_LINE = 40;
  private static final int MIN_PAGES = 3;
  private static final int MAX_HEADER_LENGTH = 120;

  private PageFurniture() {}

  static List<RawBlock> remove(List<RawBlock> blocks) {
    Map<Integer, List<Integer>> pages = byPage(blocks);
    if (pages.isEmpty()) {
      return blocks;
    }
    Map<String, Integer> tops = new HashMap<>();
    Map<String, Integer> bottoms = new HashMap<>();
    for (List<Integer> onPage : pages.values()) {
      tops.merge(key(blocks.get(onPage.get(0)).firstLine()), 1, Integer::sum);
      bottoms.merge(key(blocks.get(onPage.get(onPage.size() - 1)).lastLine()), 1, Integer::sum);
    }
    int threshold = Math.max(MIN_PAGES, (pages.size() + 1) / 2);
    Integer topOffset = commonOffset(blocks, pages, true, threshold);
    Integer bottomOffset = commonOffset(blocks, pages, false, threshold);
    List<RawBlock> out = new ArrayList<>(blocks);
    for (Map.Entry<Integer, List<Integer>> page : pages.entrySet()) {
      int first = page.getValue().get(0);
      int last = page.getValue().get(page.getValue().size() - 1);
      String bottom = out.get(last).lastLine();
      if (isText(out.get(last)) && (isFurniture(bottom, bottoms, threshold)
          || numbersPage(bottom, page.getKey(), bottomOffset))) {
        out.set(last, dropLastLine(out.get(last)));
      }
      String top = out.get(first).firstLine();
      if (isText(out.get(first)) && (isFurniture(top, tops, threshold) || numbersPage(top, page.getKey(), topOffset))) {
        out.set(first, dropFirstLine(out.get(first)));
      }
    }
    out.removeIf(b -> b.text().isEmpty());
    return out;
  }

  /**
   * Running headers that change with the chapter still carry the printed page number, at a fixed offset
   * from the page's index ("Chapter 4: Reference 9" on the 12th page): the offset shared by the most top
   * (or bottom) lines, when enough pages share it; else null.
   */
  private static Integer commonOffset(List<RawBlock> blocks, Map<Integer, List<Integer>> pages, boolean top,
      int threshold) {
    Map<Integer, Integer> offsets = new HashMap<>();
    for (Map.Entry<Integer, List<Integer>> page : pages.entrySet()) {
      List<Integer> onPage = page.getValue();
      RawBlock b = blocks.get(top ? onPage.get(0) : onPage.get(onPage.size() - 1));
      Integer printed = edgeNumber(top ? b.firstLine() : b.lastLine());
      if (printed != null) {
        offsets.merge(page.getKey() - printed, 1, Integer::sum);
      }
    }
    return offsets.entrySet().stream().filter(e -> e.getValue() >= threshold)
        .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  private static boolean numbersPage(String line, int page, Integer offset) {
    Integer printed = edgeNumber(line);
    return offset != null && printed != null && page - printed == offset && line.length() <= MAX_HEADER_LENGTH;
  }

  /** The number a line starts or ends with (at most four digits), or null. */
  private static Integer edgeNumber(String line) {
    String s = line.strip();
    int end = s.length();
    int start = end;
    while (start > 0 && end - start < 4 && Character.isDigit(s.charAt(start - 1))) {
      start--;
    }
    if (start == end || (start > 0 && Character.isDigit(s.charAt(start - 1)))) {
      int lead = 0;
      while (lead < s.length() && lead < 4 && Character.isDigit(s.charAt(lead))) {
        lead++;
      }
      boolean whole = lead > 0 && (lead == s.length() || !Character.isDigit(s.charAt(lead)));
      return whole ? Integer.valueOf(s.substring(0, lead)) : null;
    }
    return Integer.valueOf(s.substring(start, end));
  }

  private static boolean isText(RawBlock b) {
    return b.kind() == dev.ingestion.model.TextBlock.Kind.BODY || b.kind() == dev.ingestion.model.TextBlock.Kind.LIST;
  }

  private static boolean isFurniture(String line, Map<String, Integer> counts, int threshold) {
    String trimmed = line.strip();
    if (trimmed.isEmpty()) {
      return false;
    }
    boolean pageNumber = trimmed.length() <= MAX_PAGE_NUMBER_LINE
        && PAGE_NUMBER.matcher(trimmed.replaceAll("\\s+", " ")).matches();
    return pageNumber || counts.getOrDefault(key(line), 0) >= threshold;
  }

  private static Map<Integer, List<Integer>> byPage(List<RawBlock> blocks) {
    Map<Integer, List<Integer>> pages = new LinkedHashMap<>();
    for (int i = 0; i < blocks.size(); i++) {
      Integer page = blocks.get(i).page();
      if (page != null) {
        pages.computeIfAbsent(page, p -> new ArrayList<>()).add(i);
      }
    }
    return pages;
  }

  /** Lines that differ only in their numbers (page numbers, dates) count as the same line. */
  private static String key(String line) {
    StringBuilder k = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (Character.isDigit(c)) {
        if (k.isEmpty() || k.charAt(k.length() - 1) != '#') {
          k.append('#');
        }
      } else if (!Character.isWhitespace(c)) {
        k.append(Character.toLowerCase(c));
      }
    }
    return k.toString().toLowerCase(Locale.ROOT);
  }

  private static RawBlock dropFirstLine(RawBlock b) {
    int eol = b.text().indexOf('\n');
    return b.withText(eol < 0 ? "" : b.text().substring(eol + 1).strip());
  }

  private static RawBlock dropLastLine(RawBlock b) {
    int eol = b.text().lastIndexOf('\n');
    return b.withText(eol < 0 ? "" : b.text().substring(0, eol).strip());
  }
}
