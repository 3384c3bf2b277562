package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.List;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.SAXException;

/**
 * Text read a line at a time ({@link #line}) as the reader gives it, for the readers of formats made of
 * lines (manual pages, Info files, POD). It holds at most one line of {@value #MAX_HELD} characters: a longer
 * one is read as a line up to its last space (or whole, without one), and the rest goes on. What they make
 * of the lines goes out as XHTML elements ({@link #element}).
 */
abstract class LineSink implements PlainTextParser.TextSink {
  /** The most characters of one line, or of a paragraph a reader builds, held before they go out. */
  static final int MAX_HELD = 1 << 20;

  private final StringBuilder line = new StringBuilder();
  private final XHTMLContentHandler xhtml;
  /** The characters, past XML's filter: the sink's {@link #end} ends it. */
  protected final PlainTextParser.AllowedText text;

  LineSink(XHTMLContentHandler xhtml, PlainTextParser.AllowedText text) {
    this.xhtml = xhtml;
    this.text = text;
  }

  @Override
  public final void write(char[] chars, int offset, int length) throws SAXException {
    int end = offset + length;
    int run = offset;
    for (int i = offset; i < end; i++) {
      if (chars[i] == '\n') {
        line.append(chars, run, i - run);
        line(line.toString());
        line.setLength(0);
        run = i + 1;
      }
    }
    line.append(chars, run, end - run);
    if (line.length() > MAX_HELD) { // a line without end: read up to its last space as a line of its own
      int cut = line.lastIndexOf(" ") + 1;
      cut = cut > 0 ? cut : line.length();
      line(line.substring(0, cut));
      line.delete(0, cut);
    }
  }

  /**
   * True when a line within the first {@code look} characters of {@code head} (its first {@code length} are
   * text) starts with {@code c}: a test that allocates nothing, before a reader's closer look ({@link #lines}).
   */
  static boolean anyLineStartsWith(char[] head, int length, int look, char c) {
    int end = Math.min(length, look);
    for (int i = 0; i < end; i++) {
      if (head[i] == c && (i == 0 || head[i - 1] == '\n')) {
        return true;
      }
    }
    return false;
  }

  /** The lines of the first {@code look} characters of {@code head} (its first {@code length} are text). */
  static List<String> lines(char[] head, int length, int look) {
    int end = Math.min(length, look);
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= end; i++) {
      if (i == end || head[i] == '\n') {
        lines.add(new String(head, start, i - start));
        start = i + 1;
      }
    }
    return lines;
  }

  /** The lines of {@code paragraph}, less their outer white space, joined by spaces. */
  static String joined(String paragraph) {
    return String.join(" ", paragraph.lines().map(String::strip).toList());
  }

  /** The characters after the last line end, if any, read as the last line. */
  protected final void lastLine() throws SAXException {
    String rest = rest();
    if (!rest.isEmpty()) {
      line(rest);
    }
  }

  /** The characters after the last line end, taken: empty when the text ended with a line end. */
  protected final String rest() {
    String rest = line.toString();
    line.setLength(0);
    return rest;
  }

  /** One line, without its line end ({@code \r} included when the text has one). */
  protected abstract void line(String raw) throws SAXException;

  /** An element ({@code p}, {@code h2}, {@code pre}) holding {@code content} less its outer white space, if any is left. */
  protected final void element(String name, String content) throws SAXException {
    String c = content.strip();
    if (c.isEmpty()) {
      return;
    }
    xhtml.startElement(name);
    char[] chars = c.toCharArray();
    text.write(chars, 0, chars.length);
    xhtml.endElement(name);
    xhtml.newline();
  }
}
