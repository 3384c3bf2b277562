package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.SAXException;

/**
 * A GNU Info file (what {@code makeinfo} makes of a Texinfo manual, as under {@code /usr/share/info}) read as
 * text with its structure. Read as plain text, every node began with a control character (which came out
 * as U+FFFD) and a navigation line ({@code File: bc.info, Node: Top, Next: Introduction, Up: (dir)}), every
 * node ended in a menu of links, the file opened with a copy of its first node and its directory entries,
 * and titles were only lines above a row of {@code *}, {@code =}, {@code -} or {@code .}.
 *
 * <p>Here what comes before the first node (the top node's text again; given out only by a file with no
 * node, the first of a manual split into several), node lines, menus (a menu ends its node), the tag table, the
 * list of parts of a split manual and the editor's local variables are left out; a line above a row of
 * {@code *}, {@code =}, {@code -} or {@code .} as long as itself becomes a heading of level 1 to 4; lines
 * are joined into paragraphs at blank lines, except in a paragraph indented as a whole (an example), which
 * keeps its lines; a cross reference ({@code *note Expressions::}) reads as
 * "see Expressions"; the reader's cookies (NUL and backspace around {@code [index]} or {@code [image ...]})
 * give nothing, or an image's alternative text. It holds at most a paragraph, cut at 1 M characters, and one line.
 */
final class InfoPage extends LineSink {
  /** How far into the text the first node is looked for (coreutils' header runs past 8 KB). */
  private static final int LOOK = 1 << 16;
  /** How far makeinfo indents examples and the descriptions of table entries. */
  private static final String INDENT = "     ";
  private static final char SEPARATOR = '\u001f';
  private static final String UNDERLINES = "*=-.";
  /** An Info reader's cookie, NUL and backspace around {@code [image ...]} or {@code [index]}. */
  private static final Pattern COOKIE = Pattern.compile("\u0000\u0008\\[([^\u0000]{0,1000})\u0000\u0008\\]");
  private static final Pattern ALT = Pattern.compile("\\balt=\"([^\"]*)\"");
  private static final Pattern NOTE = Pattern.compile("\\*([Nn])ote\\s+([^:*]{1,200}?)(?:::|:\\s+[^.,:*]{1,200}?([.,]))");

  private final StringBuilder paragraph = new StringBuilder();
  /** The last line of text, held back until the next line says whether it is a title. */
  private String pending;
  /** Before the first node: the file's header, a copy of the top node's text and its directory entries. */
  private boolean beforeFirstNode = true;
  /** The line after a separator: a node's navigation line, or the name of a table that follows. */
  private boolean afterSeparator;
  /** In a menu, a tag table, a split manual's list of parts: skipped to the next separator. */
  private boolean skippingToSeparator;
  /** Every line of the paragraph so far is indented: its line ends are kept. */
  private boolean paragraphIndented = true;
  /** The header's lines, given out only if the file turns out to have no node. */
  private final List<String> preamble = new ArrayList<>();
  private int preambleChars;
  /** In the header's directory entries ({@code INFO-DIR-SECTION}, {@code START-INFO-DIR-ENTRY} ...). */
  private boolean inDirectoryEntry;
  /** A node's navigation line has been seen: the header is a copy of the top node's text and goes. */
  private boolean sawNode;
  /** In the editor's local variables at the end: skipped to their {@code End:}. */
  private boolean skippingVariables;

  InfoPage(XHTMLContentHandler xhtml, PlainTextParser.AllowedText text) {
    super(xhtml, text);
  }

  /**
   * True when a node (its separator, then a {@code File: ..., Node: ...} line), or the list of parts or the tag
   * table of a manual split into several files, starts within the first 64 KB.
   */
  static boolean looksLike(char[] head, int length) {
    if (!anyLineStartsWith(head, length, LOOK, SEPARATOR)) {
      return false;
    }
    List<String> lines = lines(head, length, LOOK);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(String.valueOf(SEPARATOR))) {
        int next = i + 1;
        while (next < lines.size() && lines.get(next).isBlank()) {
          next++;
        }
        String l = next < lines.size() ? lines.get(next) : "";
        if (l.startsWith("File: ") && l.contains("Node: ") || l.startsWith("Indirect:") || l.startsWith("Tag Table:")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The file ended: its last line and paragraph go out. A file without a node (the first file of a manual
   * split into several, which lists the others) gives the text of its header instead.
   */
  @Override
  public void end() throws SAXException {
    lastLine();
    release();
    flush();
    if (!sawNode) {
      skippingToSeparator = false;
      skippingVariables = false;
      afterSeparator = false;
      for (String l : preamble) {
        line(l);
      }
      release();
      flush();
    }
    text.end();
  }

  /**
   * A line of the header before the first node, kept (up to 64 KB) in case the file has no node: without
   * the line that names makeinfo and the directory entries.
   */
  private void keepPreamble(String l) {
    if (inDirectoryEntry || l.startsWith("INFO-DIR-SECTION ") || l.startsWith("START-INFO-DIR-ENTRY")) {
      inDirectoryEntry = !l.startsWith("END-INFO-DIR-ENTRY");
      return;
    }
    if (l.startsWith("This is ") && l.contains("produced by makeinfo") || preambleChars > LOOK) {
      return;
    }
    preamble.add(l);
    preambleChars += l.length();
  }

  @Override
  protected void line(String raw) throws SAXException {
    String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (l.indexOf('\u0000') >= 0) {
      l = cookies(l);
    }
    if (l.indexOf(SEPARATOR) >= 0) {
      release();
      flush();
      beforeFirstNode = false;
      skippingToSeparator = false;
      afterSeparator = true;
      return;
    }
    if (beforeFirstNode) {
      keepPreamble(l);
      return;
    }
    if (skippingToSeparator) {
      return;
    }
    if (afterSeparator) {
      if (l.isBlank()) {
        return;
      }
      afterSeparator = false;
      if (l.startsWith("File: ")) {
        sawNode = true;
        return;
      }
      if (l.startsWith("End Tag Table")) {
        return;
      }
      if (l.startsWith("Tag Table:") || l.startsWith("Indirect:")) {
        skippingToSeparator = true;
        return;
      }
    }
    if (skippingVariables) {
      skippingVariables = !l.strip().equals("End:");
      return;
    }
    if (l.startsWith("* Menu:")) {
      release();
      flush();
      skippingToSeparator = true;
      return;
    }
    if (l.startsWith("Local Variables:")) {
      release();
      flush();
      skippingVariables = true;
      return;
    }
    if (pending != null && isUnderline(l, pending)) {
      flush();
      emit("h" + (UNDERLINES.indexOf(l.charAt(0)) + 1), pending);
      pending = null;
      return;
    }
    release();
    if (l.isBlank() || l.strip().startsWith("---------- Footnotes ----------")) {
      flush();
    } else {
      pending = l;
    }
  }

  /** A row of one of {@code * = - .}, as long as the title above it, which starts in the first column. */
  private static boolean isUnderline(String l, String title) {
    String t = title.stripTrailing();
    if (l.length() < 2 || UNDERLINES.indexOf(l.charAt(0)) < 0 || t.isEmpty() || Character.isWhitespace(t.charAt(0))
        || l.length() != t.length()) {
      return false;
    }
    for (int i = 1; i < l.length(); i++) {
      if (l.charAt(i) != l.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The held line is not a title: it joins the paragraph, on a line of its own for now. A paragraph whose
   * lines are all indented (an example, a table entry's description) keeps its lines, less the indentation
   * makeinfo added; the lines of any other are joined by spaces when it goes out.
   */
  private void release() throws SAXException {
    if (pending == null) {
      return;
    }
    if (!paragraph.isEmpty()) {
      paragraph.append('\n');
    }
    boolean indented = pending.startsWith(INDENT);
    paragraphIndented &= indented;
    paragraph.append(indented ? pending.substring(INDENT.length()).stripTrailing() : pending.strip());
    pending = null;
    if (paragraph.length() > MAX_HELD) { // a paragraph without end goes out in parts: memory stays bounded
      flush();
    }
  }

  private void flush() throws SAXException {
    String p = paragraph.toString();
    paragraph.setLength(0);
    if (!paragraphIndented) {
      p = joined(p);
    }
    paragraphIndented = true;
    emit("p", p);
  }

  private void emit(String element, String content) throws SAXException {
    element(element, references(content));
  }

  /** Cookies give nothing, an image its alternative text. */
  static String cookies(String l) {
    Matcher m = COOKIE.matcher(l);
    StringBuilder out = new StringBuilder(l.length());
    while (m.find()) {
      Matcher alt = ALT.matcher(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).startsWith("image") && alt.find() ? alt.group(1) : ""));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code *note Name::} and {@code *Note Title: node.} read as "see Name" and "See Title.". */
  static String references(String s) {
    if (s.indexOf("ote") < 0) {
      return s;
    }
    Matcher m = NOTE.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      String see = m.group(1).equals("N") ? "See " : "see ";
      m.appendReplacement(out, Matcher.quoteReplacement(see + m.group(2).strip() + (m.group(3) == null ? "" : m.group(3))));
    }
    m.appendTail(out);
    return out.toString();
  }
}
