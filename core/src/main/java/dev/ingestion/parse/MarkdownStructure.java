package dev.ingestion.parse;

import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Tika reads Markdown as plain text; this recovers its structure: ATX headings ({@code #} to
 * {@code ######} at the start of a line) become heading blocks, everything between blank lines a body
 * block. Fenced code blocks are kept whole and never read as headings.
 */
final class MarkdownStructure {
  private MarkdownStructure() {}

  static boolean applies(String fileName, String mimeType) {
    String name = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".md") || name.endsWith(".markdown") || (mimeType != null && mimeType.contains("markdown"));
  }

  static List<TextBlock> blocks(String text) {
    List<TextBlock> out = new ArrayList<>();
    int bodyStart = -1;
    int bodyEnd = -1;
    boolean fenced = false;
    int i = 0;
    while (i < text.length()) {
      int eol = text.indexOf('\n', i);
      int lineEnd = eol < 0 ? text.length() : eol;
      String line = text.substring(i, lineEnd);
      String trimmed = line.strip();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        fenced = !fenced;
      }
      int level = fenced ? 0 : headingLevel(trimmed);
      if (level > 0 || (trimmed.isEmpty() && !fenced)) {
        if (bodyStart >= 0) {
          out.add(TextBlock.body(bodyStart, bodyEnd, null));
          bodyStart = -1;
        }
        if (level > 0) {
          int start = i + line.indexOf('#');
          out.add(TextBlock.heading(level, start, i + line.stripTrailing().length(), null));
        }
      } else {
        if (bodyStart < 0) {
          bodyStart = i + (line.length() - line.stripLeading().length());
        }
        bodyEnd = i + line.stripTrailing().length();
      }
      i = lineEnd + 1;
    }
    if (bodyStart >= 0) {
      out.add(TextBlock.body(bodyStart, Math.max(bodyStart, bodyEnd), null));
    }
    return out;
  }

  private static int headingLevel(String line) {
    int n = 0;
    while (n < line.length() && n < 7 && line.charAt(n) == '#') {
      n++;
    }
    return n >= 1 && n <= 6 && (line.length() == n || line.charAt(n) == ' ') ? n : 0;
  }
}
