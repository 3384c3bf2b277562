package dev.ingestion.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.SAXException;

/**
 * A manual page's troff source (the {@code man} macros, the common {@code mdoc} ones and the requests
 * pages use) read as text with its structure. Tika reads a man page as plain text, so its words came out
 * wrapped in markup: {@code \fBls\fR}, {@code \-\-all}, {@code .SH "SEE ALSO"}, comment lines. Here
 * section and subsection titles become headings, text lines are joined into paragraphs (blank lines,
 * {@code .PP}, {@code .TP} and the like end them), no-fill blocks ({@code .nf}, {@code .EX}) stay as
 * lines of code, the font macros give their words ({@code .BR ls (1)} is "ls(1)"), and the escapes give
 * the characters they stand for ({@code \-} a hyphen, {@code \(em} a dash, {@code \fB} nothing).
 * Requests with no text (spacing, indentation, macro and string definitions, conditionals) are dropped.
 *
 * <p>It reads line by line as the text arrives and holds at most a line and a paragraph, each cut at
 * 1 M characters, so a file of any size costs bounded memory.
 */
final class ManPage extends LineSink {
  /** How far into the text the first request is looked for. */
  private static final int LOOK = 8192;
  /** The most lines a macro definition or conditional block is skipped for before its end is taken as missing. */
  private static final int MAX_SKIPPED = 500;
  private static final Map<String, String> GLYPHS = Map.ofEntries(Map.entry("em", "\u2014"), Map.entry("en", "\u2013"),
      Map.entry("hy", "-"), Map.entry("mi", "-"), Map.entry("bu", "\u2022"), Map.entry("aq", "'"),
      Map.entry("dq", "\""), Map.entry("oq", "\u2018"), Map.entry("cq", "\u2019"), Map.entry("lq", "\u201c"),
      Map.entry("rq", "\u201d"), Map.entry("co", "\u00a9"), Map.entry("rg", "\u00ae"), Map.entry("tm", "\u2122"),
      Map.entry("Tm", "\u2122"), Map.entry("R", "\u00ae"), Map.entry("ga", "`"), Map.entry("ti", "~"),
      Map.entry("ha", "^"), Map.entry("rs", "\\"), Map.entry("sl", "/"), Map.entry("pl", "+"), Map.entry("eq", "="),
      Map.entry("mu", "\u00d7"), Map.entry("de", "\u00b0"), Map.entry("->", "\u2192"), Map.entry("<-", "\u2190"),
      Map.entry("<=", "\u2264"), Map.entry(">=", "\u2265"), Map.entry("ba", "|"), Map.entry("br", "|"),
      Map.entry("at", "@"), Map.entry("sh", "#"), Map.entry("Do", "$"), Map.entry("lB", "["), Map.entry("rB", "]"),
      Map.entry("lC", "{"), Map.entry("rC", "}"), Map.entry("la", "\u27e8"), Map.entry("ra", "\u27e9"),
      Map.entry("Lq", "\u201c"), Map.entry("Rq", "\u201d"), Map.entry("ua", "\u2191"), Map.entry("da", "\u2193"));

  /** mdoc macros that may stand inside another's arguments: their names are not words. */
  private static final Set<String> MDOC_CALLABLE = Set.of("Ar", "Cm", "Ic", "Pa", "Nm", "Op", "Oo", "Oc", "Ns", "No",
      "Xr", "Em", "Sy", "Li", "Dq", "Sq", "Pq", "Va", "Ev", "Fa", "Dv", "Er", "Ql", "Aq", "Bq", "Qq", "Ad", "Ms", "Tn",
      "Ux", "Lk", "Mt", "Brq");

  private final Metadata metadata;
  private final StringBuilder paragraph = new StringBuilder();
  /** A line that ended in a backslash, waiting for the next one. */
  private final StringBuilder continued = new StringBuilder();
  /** The page's name in mdoc: given by its first {@code .Nm}, which later ones without arguments repeat. */
  private String mdocName = "";
  private boolean fill = true;
  /** A line of text (or a macro's words) that ends a {@code .TP} tag: it starts the paragraph on a line of its own. */
  private boolean tagNext;
  /** Inside {@code .de}/{@code .ig} ... {@code ..}: skipped. */
  private boolean skippingDefinition;
  /** Inside a conditional's {@code \{ ... \}} block: skipped. */
  private int skippingBlock;
  /** Lines skipped so far in the current definition or conditional block. */
  private int skipped;
  /** A section or subsection title asked for by a macro without words: taken from the next line. */
  private int headingNext;

  ManPage(XHTMLContentHandler xhtml, PlainTextParser.AllowedText text, Metadata metadata) {
    super(xhtml, text);
    this.metadata = metadata;
  }

  /**
   * True when the text starts as a manual page does: its first line that is not blank or a comment is a
   * request, and (unless the file's type already says troff) a title or section request ({@code .TH},
   * {@code .SH}, {@code .Dd}, {@code .Dt}, {@code .Sh}) comes within the first lines.
   */
  static boolean looksLike(char[] head, int length, boolean troffType) {
    int end = Math.min(length, LOOK);
    int i = 0;
    boolean first = true;
    while (i < end) {
      int eol = i;
      while (eol < end && head[eol] != '\n') {
        eol++;
      }
      String l = new String(head, i, eol - i).strip();
      i = eol + 1;
      if (l.isEmpty() || l.startsWith(".\\\"") || l.startsWith("'\\\"") || l.startsWith("\\\"") || l.equals(".")) {
        continue;
      }
      if (first && !(l.startsWith(".") || l.startsWith("'"))) {
        return false;
      }
      if (first && troffType) {
        return true;
      }
      first = false;
      for (String request : List.of(".TH ", ".SH ", ".SH\t", ".Dd ", ".Dt ", ".Sh ")) {
        if (l.startsWith(request)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The page ended: its last line and paragraph go out. */
  @Override
  public void end() throws SAXException {
    String rest = rest();
    if (!rest.isEmpty() || !continued.isEmpty()) {
      line(rest);
    }
    if (!continued.isEmpty()) {
      words(inline(continued.toString()));
      continued.setLength(0);
    }
    flush();
    text.end();
  }

  @Override
  protected void line(String raw) throws SAXException {
    String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (!continued.isEmpty()) {
      l = continued.append(l).toString();
      continued.setLength(0);
    }
    if (endsInEscapedNewline(l)) {
      continued.append(l, 0, l.length() - 1); // a backslash at the end joins the next line to this one
      return;
    }
    if (skippingDefinition || skippingBlock > 0) {
      if (++skipped > MAX_SKIPPED) { // an end never written: the page's text is not lost behind it
        skippingDefinition = false;
        skippingBlock = 0;
      } else if (skippingDefinition) {
        skippingDefinition = !l.strip().equals("..");
        return;
      } else {
        skippingBlock += count(l, "\\{") - count(l, "\\}");
        return;
      }
    }
    skipped = 0;
    if (l.startsWith(".") || l.startsWith("'")) {
      request(l.substring(1).stripLeading());
    } else if (l.startsWith("\\\"")) {
      return; // a comment line
    } else if (fill && l.isBlank()) {
      flush();
    } else {
      words(inline(l));
    }
  }

  /** A line ending in a backslash that is not itself escaped. */
  private static boolean endsInEscapedNewline(String l) {
    int slashes = 0;
    for (int i = l.length() - 1; i >= 0 && l.charAt(i) == '\\'; i--) {
      slashes++;
    }
    return slashes % 2 == 1;
  }

  private void request(String r) throws SAXException {
    if (r.startsWith("\\\"") || r.isEmpty()) {
      return;
    }
    int space = 0;
    while (space < r.length() && !Character.isWhitespace(r.charAt(space))) {
      space++;
    }
    String name = r.substring(0, space);
    String rest = r.substring(space).strip();
    List<String> args = arguments(rest);
    switch (name) {
      case "TH", "Dt" -> {
        if (!args.isEmpty() && metadata.get(TikaCoreProperties.TITLE) == null) {
          metadata.set(TikaCoreProperties.TITLE, args.size() > 1 ? args.get(0) + "(" + args.get(1) + ")" : args.get(0));
        }
      }
      case "SH", "Sh" -> heading(2, args);
      case "SS", "Ss" -> heading(3, args);
      case "PP", "LP", "P", "Pp", "Lp", "sp", "HP", "RS", "RE", "Bl", "El", "Bd", "Ed", "YS", "in", "ti", "ne" -> flush();
      case "TP", "TQ" -> {
        flush();
        tagNext = true;
      }
      case "IP", "It" -> {
        flush();
        if (!args.isEmpty()) {
          String tag = name.equals("IP") ? inline(args.get(0)) : mdoc(args);
          words(tag);
          tagBreak();
        }
      }
      case "br" -> {
        if (!paragraph.isEmpty()) {
          paragraph.append('\n');
        }
      }
      case "nf", "EX" -> {
        flush();
        fill = false;
      }
      case "fi", "EE" -> {
        flush();
        fill = true;
      }
      case "B", "I", "SM", "SB" -> words(inline(String.join(" ", args)));
      case "BR", "RB", "BI", "IB", "RI", "IR" -> {
        StringBuilder joined = new StringBuilder();
        for (String a : args) {
          joined.append(a);
        }
        words(inline(joined.toString()));
      }
      case "SY" -> {
        flush();
        words(inline(String.join(" ", args)));
      }
      case "OP" -> words("[" + inline(String.join(" ", args)) + "]");
      case "UR", "MT" -> {
        if (!args.isEmpty()) {
          words(inline(args.get(0)));
        }
      }
      case "so" -> {
        if (!args.isEmpty()) {
          words(inline(args.get(0))); // a page that is another's alias: the page it names is its text
        }
      }
      case "de", "de1", "am", "ig" -> skippingDefinition = true;
      case "if", "ie", "el" -> skippingBlock += count(rest, "\\{") - count(rest, "\\}");
      case "Nm", "Nd", "Ar", "Fl", "Op", "Oo", "Oc", "Pa", "Xr", "Cm", "Em", "Sy", "Li", "Ql", "Dq", "Sq", "Pq", "Va",
          "Ev", "Fn", "Fa", "Ft", "Fd", "Ic", "Dv", "Er", "Tn", "Ux", "No", "Ns", "Lk", "Mt", "Aq", "Bq", "Brq", "Qq",
          "Ad", "An", "Cd", "In", "Ms", "Ot", "St", "Vt", "At", "Bx", "Nx", "Ox", "Fx", "Dx" -> words(mdocLine(name, args));
      default -> {
        // spacing, fonts, sizes, registers, strings, traps, includes: no words of their own
      }
    }
  }

  /** An mdoc line: its words, with flags given their dash and cross references their section. */
  private String mdocLine(String name, List<String> args) {
    if (name.equals("Nm")) {
      if (args.isEmpty()) {
        return mdocName;
      }
      if (mdocName.isEmpty()) {
        mdocName = inline(args.get(0));
      }
    }
    return switch (name) {
      case "Nd" -> "\u2014 " + mdoc(args);
      case "Fl" -> args.isEmpty() ? "-" : "-" + mdoc(args);
      case "Xr" -> args.size() >= 2 ? inline(args.get(0)) + "(" + inline(args.get(1)) + ")" : mdoc(args);
      case "Op" -> "[" + mdoc(args) + "]";
      default -> mdoc(args);
    };
  }

  /** The words of mdoc macro arguments; nested callable macros ({@code Fl}, {@code Ar} ...) give their words. */
  private String mdoc(List<String> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("Fl") && i + 1 < args.size()) {
        a = "-" + args.get(++i);
      } else if (MDOC_CALLABLE.contains(a)) {
        continue;
      }
      if (!out.isEmpty() && !a.matches("[.,:;)\\]]")) {
        out.append(' ');
      }
      out.append(inline(a));
    }
    return out.toString();
  }

  private void heading(int level, List<String> args) throws SAXException {
    flush();
    if (args.isEmpty()) {
      headingNext = level;
      return;
    }
    element("h" + level, inline(String.join(" ", args)));
  }

  /** Words of a text line or a macro: into the paragraph (filled) or as a line of its own (no-fill). */
  private void words(String w) throws SAXException {
    if (headingNext > 0) {
      int level = headingNext;
      headingNext = 0;
      element("h" + level, w);
      return;
    }
    if (w.isEmpty() && fill) {
      return;
    }
    if (!paragraph.isEmpty() && !endsWithBreak()) {
      paragraph.append(fill ? ' ' : '\n');
    }
    paragraph.append(fill ? w.strip() : w);
    if (paragraph.length() > MAX_HELD) { // a paragraph without end goes out in parts: memory stays bounded
      flush();
    }
    if (tagNext) {
      tagNext = false;
      tagBreak();
    }
  }

  /** A {@code .TP}/{@code .IP} tag stands on its own line above its description. */
  private void tagBreak() {
    paragraph.append('\n');
  }

  private boolean endsWithBreak() {
    return paragraph.charAt(paragraph.length() - 1) == '\n';
  }

  private void flush() throws SAXException {
    String p = paragraph.toString().strip();
    paragraph.setLength(0);
    tagNext = false;
    if (!p.isEmpty()) {
      element(fill ? "p" : "pre", p);
    }
  }

  /**
   * A request's arguments: separated by spaces; a double-quoted one may hold spaces ({@code ""} is a quote),
   * an unquoted one escaped spaces ({@code \-M\ }).
   */
  static List<String> arguments(String rest) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = rest.length();
    while (i < n) {
      while (i < n && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
        i++;
      }
      if (i >= n) {
        break;
      }
      if (rest.startsWith("\\\"", i)) {
        break; // a comment to the end of the line
      }
      StringBuilder a = new StringBuilder();
      if (rest.charAt(i) == '"') {
        i++;
        while (i < n) {
          char c = rest.charAt(i);
          if (c == '"') {
            if (i + 1 < n && rest.charAt(i + 1) == '"') {
              a.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          a.append(c);
          i++;
        }
      } else {
        while (i < n && rest.charAt(i) != ' ' && rest.charAt(i) != '\t') {
          if (rest.charAt(i) == '\\' && i + 1 < n) {
            a.append(rest, i, i + 2); // an escape, an escaped space among them, stays in the argument
            i += 2;
            continue;
          }
          a.append(rest.charAt(i));
          i++;
        }
      }
      out.add(a.toString());
    }
    return out;
  }

  /** A line's escapes replaced by the characters they stand for; font, size and spacing escapes removed. */
  static String inline(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= n) {
        out.append(c);
        i++;
        continue;
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case '"' -> i = n; // a comment to the end of the line
        case '-', '_' -> out.append('-');
        case 'e', '\\' -> out.append('\\');
        case ' ', '~', '0' -> out.append(' ');
        case '.' -> out.append('.');
        case '\'' -> out.append('\u00b4');
        case '`' -> out.append('`');
        case '&', '|', '^', ',', '/', ':', '%', 'c', 'd', 'u', 'r', 'p', '{', '}', 't', 'a' -> {
          // zero-width and motion escapes
        }
        case '(' -> {
          if (i + 2 <= n) {
            glyph(s.substring(i, i + 2), out);
            i += 2;
          }
        }
        case '[' -> {
          int close = s.indexOf(']', i);
          if (close < 0) {
            i = n;
          } else {
            String g = s.substring(i, close);
            i = close + 1;
            if (g.startsWith("u") && g.length() >= 5 && g.substring(1).chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
              out.appendCodePoint(Integer.parseInt(g.substring(1), 16));
            } else {
              glyph(g, out);
            }
          }
        }
        case 'f', 'F', 'n', 'g', 'k', 'm', 'M', 'V', 'Y' -> i = skipName(s, i);
        case '*' -> {
          int before = i;
          i = skipName(s, i);
          String name = s.substring(before, i).replace("(", "").replace("[", "").replace("]", "");
          String g = GLYPHS.get(name);
          if (g != null) {
            out.append(g);
          }
        }
        case 's' -> {
          if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
          }
          if (i < n && (s.charAt(i) == '(' || s.charAt(i) == '[' || s.charAt(i) == '\'')) {
            i = skipName(s, i);
          } else {
            while (i < n && Character.isDigit(s.charAt(i))) {
              i++;
            }
          }
        }
        case 'h', 'v', 'w', 'o', 'b', 'l', 'L', 'D', 'X', 'x', 'A', 'B', 'C', 'N', 'R', 'S', 'Z' -> {
          // an argument in quotes: \h'1m', \w'text', \N'34' (a glyph number: a space stands for it)
          if (i < n && s.charAt(i) == '\'') {
            int close = s.indexOf('\'', i + 1);
            if (e == 'N' && close > 0) {
              out.append(' ');
            }
            i = close < 0 ? n : close + 1;
          }
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }

  /** After an escape that names something: one character, {@code (xx} or {@code [name]}. */
  private static int skipName(String s, int i) {
    int n = s.length();
    if (i >= n) {
      return n;
    }
    char c = s.charAt(i);
    if (c == '(') {
      return Math.min(n, i + 3);
    }
    if (c == '[') {
      int close = s.indexOf(']', i);
      return close < 0 ? n : close + 1;
    }
    return i + 1;
  }

  private static void glyph(String name, StringBuilder out) {
    String g = GLYPHS.get(name);
    if (g != null) {
      out.append(g);
    }
  }

  private static int count(String s, String what) {
    int c = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
      c++;
    }
    return c;
  }
}
