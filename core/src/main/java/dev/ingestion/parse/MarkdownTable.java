package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rows and cells of one table and writes it as Markdown: the first row is the header,
 * followed by the {@code | --- |} separator, every row padded to the widest. Cell text is on one line and
 * a {@code |} inside a cell is escaped. Tables nested in a cell become part of that cell's text.
 */
final class MarkdownTable {
  private final List<List<String>> rows = new ArrayList<>();
  private List<String> row;
  private StringBuilder cell;
  private int length;

  void startRow() {
    endRow();
    row = new ArrayList<>();
  }

  void endRow() {
    endCell();
    if (row != null && !row.isEmpty()) {
      rows.add(row);
    }
    row = null;
  }

  void startCell() {
    endCell();
    if (row == null) {
      row = new ArrayList<>();
    }
    cell = new StringBuilder();
  }

  void endCell() {
    if (cell != null) {
      String text = StructureHandler.normalise(cell, false).replace('\n', ' ').replace("|", "\\|");
      row.add(text);
      length += text.length() + 3;
      cell = null;
    }
  }

  boolean inCell() {
    return cell != null;
  }

  /** Text inside a cell; text between cells (layout whitespace) is dropped. */
  void append(char[] ch, int start, int count) {
    if (cell != null) {
      cell.append(ch, start, count);
    }
  }

  /** A space between blocks inside one cell (a cell with several paragraphs). */
  void separate() {
    if (cell != null) {
      cell.append(' ');
    }
  }

  /** Characters collected so far, roughly as they will be written. */
  int length() {
    return length + (cell == null ? 0 : cell.length());
  }

  /** The table as Markdown, or an empty string when every cell is blank. */
  String toMarkdown() {
    endRow();
    int width = rows.stream().mapToInt(List::size).max().orElse(0);
    if (rows.stream().flatMap(List::stream).allMatch(String::isEmpty)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      appendRow(out, rows.get(r), width);
      if (r == 0) {
        appendRow(out, java.util.Collections.nCopies(width, "---"), width);
      }
    }
    out.setLength(out.length() - 1);
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int width) {
    out.append('|');
    for (int i = 0; i < width; i++) {
      String c = i < cells.size() ? cells.get(i) : "";
      out.append(' ').append(c).append(c.isEmpty() ? "" : " ").append('|');
    }
    out.append('\n');
  }
}
