package dev.ingestion.parse;

import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into plain text plus structure: headings (h1..h6) and body blocks
 * (paragraphs, list items, table rows, preformatted text) separated by blank lines, each with the page
 * it starts on ({@code <div class="page">} for PDF, {@code slide-content} for slides). Stops at
 * {@code maxChars} by throwing {@link LimitReached}, which the parser turns into a truncation flag.
 */
final class StructureHandler extends DefaultHandler {
  private static final Set<String> BLOCKS = Set.of("p", "li", "tr", "pre", "blockquote", "dt", "dd", "address",
      "figcaption", "caption", "div", "section", "article", "body", "table", "ul", "ol");
  private static final Set<String> CELLS = Set.of("td", "th");

  /** Thrown to stop parsing once enough text is collected. */
  static final class LimitReached extends SAXException {
    LimitReached() {
      super("character limit reached");
    }
  }

  private final int maxChars;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder block = new StringBuilder();
  private final List<TextBlock> blocks = new ArrayList<>();
  private int headingLevel;
  private int headDepth;
  private int preDepth;
  private int page;
  private int blockPage;
  private boolean paged;
  private boolean truncated;
  private boolean cellOpen;

  StructureHandler(int maxChars) {
    this.maxChars = maxChars;
  }

  String text() {
    return text.toString();
  }

  List<TextBlock> blocks() {
    return blocks;
  }

  boolean truncated() {
    return truncated;
  }

  boolean paged() {
    return paged;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
    String name = localName.isEmpty() ? qName.toLowerCase(Locale.ROOT) : localName.toLowerCase(Locale.ROOT);
    if (name.equals("head")) {
      headDepth++;
      return;
    }
    if (headDepth > 0) {
      return;
    }
    if (name.equals("div")) {
      String cls = atts.getValue("class");
      if ("page".equals(cls) || "slide-content".equals(cls)) {
        flush();
        paged = true;
        page++;
        return;
      }
    }
    if (name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6') {
      flush();
      headingLevel = name.charAt(1) - '0';
    } else if (BLOCKS.contains(name)) {
      flush();
      if (name.equals("pre")) {
        preDepth++;
      }
    } else if (CELLS.contains(name)) {
      if (cellOpen && block.length() > 0) {
        block.append(" | ");
      }
      cellOpen = true;
    } else if (name.equals("br")) {
      block.append('\n');
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    String name = localName.isEmpty() ? qName.toLowerCase(Locale.ROOT) : localName.toLowerCase(Locale.ROOT);
    if (name.equals("head")) {
      headDepth = Math.max(0, headDepth - 1);
      return;
    }
    if (headDepth > 0) {
      return;
    }
    boolean heading = name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
    if (heading || BLOCKS.contains(name)) {
      flush();
      headingLevel = 0;
      if (name.equals("pre")) {
        preDepth = Math.max(0, preDepth - 1);
      }
      if (name.equals("tr")) {
        cellOpen = false;
      }
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (headDepth > 0) {
      return;
    }
    if (block.length() == 0) {
      blockPage = page;
    }
    block.append(ch, start, length);
    if (text.length() + block.length() > maxChars) {
      truncated = true;
      block.setLength(Math.max(0, maxChars - text.length()));
      flush();
      throw new LimitReached();
    }
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) {
    // layout whitespace between elements carries no text
  }

  @Override
  public void endDocument() throws SAXException {
    flush();
  }

  /** Ends the current block: normalises its whitespace and appends it to the text as a TextBlock. */
  void flush() {
    if (block.length() == 0) {
      return;
    }
    String normalised = normalise(block, preDepth > 0);
    block.setLength(0);
    if (normalised.isEmpty()) {
      return;
    }
    if (text.length() > 0) {
      text.append("\n\n");
    }
    int start = text.length();
    text.append(normalised);
    Integer p = paged ? Integer.valueOf(Math.max(1, blockPage)) : null;
    if (headingLevel > 0) {
      blocks.add(TextBlock.heading(headingLevel, start, text.length(), p));
    } else {
      blocks.add(TextBlock.body(start, text.length(), p));
    }
  }

  /**
   * Collapses runs of spaces and tabs, keeps single line breaks, turns three or more line breaks into a
   * paragraph break (two), and trims. Preformatted text keeps its spaces.
   */
  static String normalise(CharSequence in, boolean preformatted) {
    StringBuilder out = new StringBuilder(in.length());
    int newlines = 0;
    boolean space = false;
    for (int i = 0; i < in.length(); i++) {
      char c = in.charAt(i);
      if (c == '\r') {
        continue;
      }
      if (c == '\n') {
        newlines++;
        space = false;
        continue;
      }
      boolean blank = c == ' ' || c == '\t' || c == '\u00A0' || c == '\f' || c == '\u000B';
      if (blank && !preformatted) {
        space = true;
        continue;
      }
      if (Character.isISOControl(c) && !blank) {
        continue;
      }
      if (out.length() > 0) {
        if (newlines > 0) {
          out.append(newlines >= 2 ? "\n\n" : "\n");
        } else if (space) {
          out.append(' ');
        }
      }
      newlines = 0;
      space = false;
      out.append(c);
    }
    return out.toString();
  }
}
