package dev.ingestion.parse;

import dev.ingestion.model.TextBlock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns Tika's XHTML events into blocks: headings (h1..h6), paragraphs, list items, tables (as Markdown)
 * and preformatted code, each with the page it starts on ({@code <div class="page">} for PDF,
 * {@code slide-content} for slides). Whitespace Tika reports as ignorable (PDF line ends) separates words
 * like any other. A PDF's bookmarks, which Tika writes as a list after the last page, are kept apart as
 * the outline rather than as text. Stops once about {@code maxChars} characters are collected by throwing
 * {@link LimitReached}, which the parser turns into a truncation flag.
 */
final class StructureHandler extends DefaultHandler {
  private static final Set<String> BLOCKS = Set.of("p", "li", "tr", "pre", "blockquote", "dt", "dd", "address",
      "figcaption", "caption", "div", "section", "article", "main", "body", "table", "ul", "ol", "dl");
  private static final Set<String> CELLS = Set.of("td", "th");

  /** Thrown to stop parsing once enough text is collected. */
  static final class LimitReached extends SAXException {
    LimitReached() {
      super("character limit reached");
    }
  }

  private final int maxChars;
  private final Supplier<String> contentType;
  private final StringBuilder block = new StringBuilder();
  private final List<RawBlock> blocks = new ArrayList<>();
  private final List<OutlineEntry> outline = new ArrayList<>();
  private final Deque<Boolean> divs = new ArrayDeque<>();
  private final Deque<TextBlock.Kind> kinds = new ArrayDeque<>();
  private MarkdownTable table;
  private int tableDepth;
  private int collected;
  private int headingLevel;
  private int headDepth;
  private int page;
  private int openPages;
  private int blockPage;
  private int outlineDepth;
  private boolean paged;
  private boolean truncated;

  /** {@code contentType} is read once pages are seen, to tell a PDF's trailing bookmark list from text. */
  StructureHandler(int maxChars, Supplier<String> contentType) {
    this.maxChars = maxChars;
    this.contentType = contentType;
  }

  List<RawBlock> blocks() {
    return blocks;
  }

  List<OutlineEntry> outline() {
    return outline;
  }

  boolean truncated() {
    return truncated;
  }

  boolean paged() {
    return paged;
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
    String name = name(localName, qName);
    if (name.equals("head")) {
      headDepth++;
    } else if (headDepth > 0) {
      return;
    } else if (outlineDepth > 0 || startsOutline(name)) {
      startOutline(name);
    } else if (tableDepth > 0 || name.equals("table")) {
      startInTable(name);
    } else if (name.equals("div")) {
      startDiv(atts.getValue("class"));
    } else if (isHeading(name)) {
      flush();
      headingLevel = name.charAt(1) - '0';
    } else if (BLOCKS.contains(name)) {
      flush();
      TextBlock.Kind kind = kindOf(name, atts.getValue("class"));
      kinds.push(kind == TextBlock.Kind.BODY && !kinds.isEmpty() ? kinds.peek() : kind);
    } else if (name.equals("br")) {
      block.append('\n');
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) throws SAXException {
    String name = name(localName, qName);
    if (name.equals("head")) {
      headDepth = Math.max(0, headDepth - 1);
    } else if (headDepth > 0) {
      return;
    } else if (outlineDepth > 0) {
      endOutline(name);
    } else if (tableDepth > 0) {
      endInTable(name);
    } else if (name.equals("div")) {
      flush();
      if (Boolean.TRUE.equals(divs.poll())) {
        openPages--;
      }
    } else if (isHeading(name)) {
      flush();
      headingLevel = 0;
    } else if (BLOCKS.contains(name)) {
      flush();
      kinds.poll();
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    if (headDepth > 0) {
      return;
    }
    if (outlineDepth > 0) {
      block.append(ch, start, length);
    } else if (tableDepth > 0 && table.inCell()) {
      table.append(ch, start, length);
      checkLimit(table.length());
    } else {
      if (block.length() == 0) {
        blockPage = page;
      }
      block.append(ch, start, length);
      checkLimit(block.length());
    }
  }

  /** Line ends and spaces between words are text too: PDF parsing reports them as ignorable. */
  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    characters(ch, start, length);
  }

  @Override
  public void endDocument() throws SAXException {
    flush();
  }

  private void startDiv(String cls) {
    flush();
    boolean isPage = "page".equals(cls) || "slide-content".equals(cls);
    divs.push(isPage);
    if (isPage) {
      paged = true;
      page++;
      openPages++;
    }
  }

  private void startInTable(String name) {
    if (name.equals("table")) {
      if (tableDepth++ == 0) {
        flush();
        blockPage = page;
        table = new MarkdownTable();
      } else {
        table.separate();
      }
    } else if (tableDepth == 1 && name.equals("tr")) {
      table.startRow();
    } else if (tableDepth == 1 && CELLS.contains(name)) {
      table.startCell();
    } else if (BLOCKS.contains(name) || name.equals("br") || isHeading(name)) {
      table.separate();
    }
  }

  private void endInTable(String name) throws SAXException {
    if (name.equals("table") && --tableDepth == 0) {
      String markdown = table.toMarkdown();
      table = null;
      add(new RawBlock(TextBlock.Kind.TABLE, 0, pageOf(blockPage), markdown));
    } else if (tableDepth == 1 && name.equals("tr")) {
      table.endRow();
    } else if (tableDepth == 1 && CELLS.contains(name)) {
      table.endCell();
    } else if (tableDepth > 1 && CELLS.contains(name)) {
      table.separate();
    }
  }

  /** A list after the pages of a PDF, outside every page, is the document's bookmarks. */
  private boolean startsOutline(String name) {
    if (!name.equals("ul") || !paged || openPages > 0) {
      return false;
    }
    String type = contentType.get();
    return type != null && type.startsWith("application/pdf");
  }

  private void startOutline(String name) {
    if (name.equals("ul")) {
      flush();
      outlineDepth++;
    } else if (name.equals("li")) {
      block.setLength(0);
    }
  }

  private void endOutline(String name) {
    if (name.equals("li")) {
      String title = normalise(block, false).replace('\n', ' ');
      block.setLength(0);
      if (!title.isEmpty()) {
        outline.add(new OutlineEntry(outlineDepth, title));
      }
    } else if (name.equals("ul")) {
      outlineDepth--;
    }
  }

  /** Ends the current block: normalises its whitespace and keeps it, unless it is blank. */
  void flush() {
    if (block.length() == 0) {
      return;
    }
    Normalised normalised = normaliseMarked(block, kinds.contains(TextBlock.Kind.CODE));
    block.setLength(0);
    if (headingLevel > 0) {
      addQuietly(new RawBlock(TextBlock.Kind.HEADING, headingLevel, pageOf(blockPage), normalised.text(),
          normalised.marks()));
    } else {
      TextBlock.Kind kind = kinds.isEmpty() ? TextBlock.Kind.BODY : kinds.peek();
      addQuietly(new RawBlock(kind, 0, pageOf(blockPage), normalised.text(), normalised.marks()));
    }
  }

  private void add(RawBlock b) throws LimitReached {
    if (b.text().isEmpty()) {
      return;
    }
    int room = maxChars - collected;
    if (b.text().length() > room) {
      truncated = true;
      if (room > 0) {
        blocks.add(b.withText(b.text().substring(0, room)));
      }
      collected = maxChars;
      throw new LimitReached();
    }
    blocks.add(b);
    collected += b.text().length() + 2;
  }

  private void addQuietly(RawBlock b) {
    try {
      add(b);
    } catch (LimitReached e) {
      // already recorded as truncated; the next event stops the parse
    }
  }

  private void checkLimit(int pending) throws SAXException {
    if (collected + pending > maxChars) {
      truncated = true;
      if (table == null) {
        flush();
      } else {
        addQuietly(new RawBlock(TextBlock.Kind.TABLE, 0, pageOf(blockPage), table.toMarkdown()));
      }
      throw new LimitReached();
    }
  }

  private Integer pageOf(int p) {
    return paged ? Integer.valueOf(Math.max(1, p)) : null;
  }


  /** Word's list paragraphs come as {@code <p class="list_Paragraph">} (or another list style). */
  private static TextBlock.Kind kindOf(String name, String cls) {
    return switch (name) {
      case "li" -> TextBlock.Kind.LIST;
      case "pre" -> TextBlock.Kind.CODE;
      case "p" -> cls != null && cls.toLowerCase(Locale.ROOT).startsWith("list") ? TextBlock.Kind.LIST : TextBlock.Kind.BODY;
      default -> TextBlock.Kind.BODY;
    };
  }

  private static boolean isHeading(String name) {
    return name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
  }

  private static String name(String localName, String qName) {
    return localName.isEmpty() ? qName.toLowerCase(Locale.ROOT) : localName.toLowerCase(Locale.ROOT);
  }

  /**
   * Collapses runs of spaces and tabs, keeps single line breaks, turns three or more line breaks into a
   * paragraph break (two), and trims. Preformatted text keeps its spaces.
   */
  static String normalise(CharSequence in, boolean preformatted) {
    return normaliseMarked(in, preformatted).text();
  }

  /** Normalised text, and the marks of {@link RawBlock} it contains, found on the same pass. */
  record Normalised(String text, int marks) {}

  static Normalised normaliseMarked(CharSequence in, boolean preformatted) {
    // In place on one array: every character written stands for at least one read, so w never passes i.
    char[] c = chars(in);
    int w = 0;
    int newlines = 0;
    int marks = 0;
    boolean space = false;
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch == '\n') {
        newlines++;
        space = false;
        continue;
      }
      boolean blank = ch == ' ' || ch == '\t' || ch == '\u00A0' || ch == '\f' || ch == '\u000B';
      if (blank) {
        if (!preformatted) {
          space = true;
          continue;
        }
      } else if (ch <= '\u001F' || (ch >= '\u007F' && ch <= '\u009F')) {
        continue; // control characters, \r among them
      } else if (ch == '\u00AD') {
        marks |= RawBlock.SOFT_HYPHEN;
      } else if (ch == '\u00B6') {
        marks |= RawBlock.PERMALINK_SIGN;
      }
      if (w > 0) {
        if (newlines > 0) {
          if (c[w - 1] == '-') {
            marks |= RawBlock.LINE_END_HYPHEN;
          }
          c[w++] = '\n';
          if (newlines >= 2) {
            c[w++] = '\n';
          }
        } else if (space) {
          c[w++] = ' ';
        }
      }
      newlines = 0;
      space = false;
      c[w++] = ch;
    }
    return new Normalised(new String(c, 0, w), marks);
  }

  private static char[] chars(CharSequence in) {
    char[] c = new char[in.length()];
    if (in instanceof StringBuilder sb) {
      sb.getChars(0, c.length, c, 0);
    } else {
      in.toString().getChars(0, c.length, c, 0);
    }
    return c;
  }
}
