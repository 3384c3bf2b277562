package dev.ingestion.parse;

import dev.ingestion.parse.PdfFontLines.Line;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Headings of a PDF without bookmarks, from its fonts (Tika passes on no font sizes; {@link PdfFontLines}
 * reads them from the document Tika has loaded). The body font is the size most characters are set in.
 * A short line set wholly in a size clearly larger than the body (15 % or more) is a heading, one level per larger size,
 * largest first; a short line wholly in bold at body size is one too, below those, when it stands alone
 * before a line of body text. Lines that end like a sentence, repeat three times or more (running
 * headers), hold a formula, or that make up more than a quarter of the lines (a document set large
 * throughout) are not.
 * The titles are then found in the text as bookmark titles are ({@link PdfHeadings}).
 */
final class PdfFontHeadings {
  private static final double LARGER = 1.15;
  private static final int MAX_LENGTH = 80;
  private static final int MAX_WORDS = 12;
  private static final int MAX_SIZES = 4;
  private static final int BODY_LINE = 40;

  private PdfFontHeadings() {}

  /** The headings in reading order; empty when the document shows no heading fonts or cannot be read for them. */
  static List<OutlineEntry> find(PDDocument doc) {
    try {
      return headings(PdfFontLines.of(doc));
    } catch (IOException | RuntimeException e) {
      return List.of(); // Tika reads the text; without fonts the document keeps the numbered-heading rule
    }
  }

  private static List<OutlineEntry> headings(List<Line> lines) {
    double body = bodySize(lines);
    if (body <= 0) {
      return List.of();
    }
    Map<String, Integer> repeats = new HashMap<>();
    lines.forEach(l -> repeats.merge(l.text(), 1, Integer::sum));
    TreeSet<Double> sizes = new TreeSet<>();
    List<Line> candidates = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      boolean large = l.size() >= body * LARGER;
      boolean boldAlone = !large && l.bold() && Math.abs(l.size() - body) <= body * 0.05 && standsAlone(lines, i, body);
      if ((large || boldAlone) && looksLikeHeading(l.text()) && repeats.get(l.text()) < 3) {
        candidates.add(l);
        if (large) {
          sizes.add(l.size());
        }
      }
    }
    if (candidates.size() * 4 > lines.size()) {
      return List.of();
    }
    List<Double> ranked = new ArrayList<>(sizes.descendingSet()).subList(0, Math.min(MAX_SIZES, sizes.size()));
    List<OutlineEntry> out = new ArrayList<>();
    for (Line l : candidates) {
      int rank = ranked.indexOf(l.size());
      if (l.size() >= body * LARGER && rank < 0) {
        continue; // a fifth or smaller heading size: too fine to tell from emphasis
      }
      out.add(new OutlineEntry(rank >= 0 ? rank + 1 : ranked.size() + 1, l.text()));
    }
    return out;
  }

  /** A bold line between lines that are not bold, followed by a line of body text. */
  private static boolean standsAlone(List<Line> lines, int i, double body) {
    if (i + 1 >= lines.size() || (i > 0 && lines.get(i - 1).bold())) {
      return false;
    }
    Line next = lines.get(i + 1);
    return !next.bold() && Math.abs(next.size() - body) <= body * 0.05 && next.text().length() >= BODY_LINE;
  }

  private static boolean looksLikeHeading(String text) {
    if (text.length() < 3 || text.length() > MAX_LENGTH || text.split("\\s+").length > MAX_WORDS) {
      return false;
    }
    char last = text.charAt(text.length() - 1);
    long letters = text.chars().filter(Character::isLetter).count();
    return letters >= 3 && last != '.' && last != ',' && last != ';' && !PdfHeadings.key(text).isEmpty()
        && !isFormula(text);
  }

  /** Math symbols or mathematical italic letters: a formula set large, not a heading. */
  private static boolean isFormula(String text) {
    return text.codePoints().anyMatch(c -> Character.getType(c) == Character.MATH_SYMBOL
        || Character.UnicodeBlock.of(c) == Character.UnicodeBlock.MATHEMATICAL_ALPHANUMERIC_SYMBOLS);
  }

  /** The size most characters are set in. */
  private static double bodySize(List<Line> lines) {
    Map<Double, Integer> chars = new HashMap<>();
    lines.forEach(l -> chars.merge(l.size(), l.text().length(), Integer::sum));
    return chars.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0.0);
  }
}
