package dev.ingestion.parse;

import java.util.List;
import java.util.Map;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.SAXException;

/**
 * Perl's documentation format, POD, in a {@code .pod} file or among a Perl program's code, read as text with
 * its structure. Read as plain text, its commands ({@code =head1 NAME}, {@code =over 4}, {@code =item},
 * {@code =back}, {@code =cut}) and formatting codes ({@code B<bold>}, {@code C<code>},
 * {@code L<perlpod/"Formatting Codes">}, {@code E<gt>}) stood in the chunks, and nothing was a heading.
 *
 * <p>Here {@code =head1} to {@code =head6} become headings; ordinary paragraphs join their lines; verbatim
 * paragraphs (indented) and the program's code between POD blocks keep their lines as code; an
 * {@code =item} names its entry on a line of its own (a bullet or a number gives nothing); the formatting
 * codes give their text ({@code L<text|target>} the text, {@code E<gt>} "&gt;", {@code X<>} and
 * {@code Z<>} nothing); {@code =begin}/{@code =end} blocks and {@code =for} paragraphs for other formatters
 * are left out, as are the commands that only open or close (over, back, pod, cut, encoding). It holds at
 * most a paragraph, cut at 1 M characters, and one line.
 */
final class PodText extends LineSink {
  /** How far into the text the first command is looked for. */
  private static final int LOOK = 1 << 16;
  private static final String CODES = "BICFSLEXZ";
  /** The commands that tell a plain text file is POD. */
  private static final List<String> COMMANDS = List.of("=head", "=pod", "=item", "=over", "=begin", "=encoding");
  private static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("lt", "<"), Map.entry("gt", ">"),
      Map.entry("verbar", "|"), Map.entry("sol", "/"), Map.entry("amp", "&"), Map.entry("quot", "\""),
      Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("copy", "\u00a9"), Map.entry("laquo", "\u00ab"),
      Map.entry("raquo", "\u00bb"), Map.entry("eacute", "\u00e9"), Map.entry("auml", "\u00e4"),
      Map.entry("ouml", "\u00f6"), Map.entry("uuml", "\u00fc"), Map.entry("szlig", "\u00df"));

  private final StringBuilder paragraph = new StringBuilder();
  /** Inside POD (from a command to {@code =cut}); outside, the lines are the program's code. */
  private boolean inPod;
  /** What the paragraph being read is. */
  private Kind kind;
  /** Inside {@code =begin FORMAT} ... {@code =end FORMAT} for another formatter: left out. */
  private String skippingFormat;

  /**
   * A paragraph is a command ({@code =...}), code (a verbatim paragraph in POD, or the program outside POD:
   * both keep their lines), or ordinary text.
   */
  private enum Kind { COMMAND, CODE, TEXT }

  PodText(XHTMLContentHandler xhtml, PlainTextParser.AllowedText text) {
    super(xhtml, text);
  }

  /** True when a POD command ({@code =head1}, {@code =pod}, {@code =item} ...) starts a line within the first 64 KB. */
  static boolean looksLike(char[] head, int length) {
    if (!anyLineStartsWith(head, length, LOOK, '=')) {
      return false;
    }
    for (String line : lines(head, length, LOOK)) {
      for (String command : COMMANDS) {
        if (line.startsWith(command)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void end() throws SAXException {
    lastLine();
    flush();
    text.end();
  }

  @Override
  protected void line(String raw) throws SAXException {
    String l = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (l.isBlank()) {
      flush();
      return;
    }
    if (paragraph.isEmpty() && l.length() > 1 && l.charAt(0) == '=' && Character.isLetter(l.charAt(1))) {
      inPod = true;
      kind = Kind.COMMAND;
    } else if (paragraph.isEmpty()) {
      kind = !inPod || Character.isWhitespace(l.charAt(0)) ? Kind.CODE : Kind.TEXT;
    }
    if (!paragraph.isEmpty()) {
      paragraph.append('\n');
    }
    paragraph.append(l);
    if (paragraph.length() > MAX_HELD) { // a paragraph without end goes out in parts: memory stays bounded
      flush();
    }
  }

  private void flush() throws SAXException {
    if (paragraph.isEmpty()) {
      return;
    }
    String p = paragraph.toString();
    paragraph.setLength(0);
    if (kind == Kind.COMMAND) {
      command(p);
    } else if (skippingFormat != null) {
      return;
    } else if (kind == Kind.CODE) {
      element("pre", p.stripIndent());
    } else {
      element("p", codes(joined(p)));
    }
  }

  private void command(String p) throws SAXException {
    int space = indexOfSpace(p);
    String name = p.substring(1, space);
    String rest = joined(p.substring(space)).strip();
    if (skippingFormat != null) {
      if (name.equals("end") && rest.startsWith(skippingFormat)) {
        skippingFormat = null;
      }
      return;
    }
    switch (name) {
      case "head1", "head2", "head3", "head4", "head5", "head6" -> element("h" + name.charAt(4), codes(rest));
      case "item" -> {
        if (!rest.isEmpty() && !rest.equals("*") && !rest.equals("-") && !rest.matches("\\d+\\.?")) {
          element("p", codes(rest.startsWith("* ") ? rest.substring(2) : rest));
        }
      }
      case "cut" -> inPod = false;
      case "begin" -> {
        String format = rest.isEmpty() ? "" : rest.split("\\s+")[0];
        if (!format.equals("text")) {
          skippingFormat = format;
        }
      }
      default -> {
        // =over, =back, =pod, =encoding, =for (its paragraph is for another formatter), =end text
      }
    }
  }

  private static int indexOfSpace(String p) {
    for (int i = 1; i < p.length(); i++) {
      if (Character.isWhitespace(p.charAt(i))) {
        return i;
      }
    }
    return p.length();
  }

  /** The text of a paragraph's formatting codes, nested ones included; a code without its end stays as written. */
  static String codes(String s) {
    if (s.indexOf('<') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (CODES.indexOf(c) >= 0 && i + 1 < s.length() && s.charAt(i + 1) == '<') {
        int open = i + 1;
        int n = 0;
        while (open + n < s.length() && s.charAt(open + n) == '<') {
          n++;
        }
        int[] inner = inner(s, open + n, n);
        if (inner != null) {
          out.append(code(c, s.substring(inner[0], inner[1]).strip()));
          i = inner[2];
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /**
   * Where a code's content starts and ends, and where the text after it resumes: for {@code X<...>} the
   * matching {@code >} (nested codes counted), for {@code X<< ... >>} a space and as many {@code >}; null
   * when there is no end.
   */
  private static int[] inner(String s, int from, int brackets) {
    if (brackets == 1) {
      int depth = 1;
      for (int i = from; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '<' && i > from && CODES.indexOf(s.charAt(i - 1)) >= 0) {
          depth++;
        } else if (c == '>' && --depth == 0) {
          return new int[] {from, i, i + 1};
        }
      }
      return null;
    }
    if (from >= s.length() || !Character.isWhitespace(s.charAt(from))) {
      return null;
    }
    String close = " " + ">".repeat(brackets);
    int end = s.indexOf(close, from);
    return end < 0 ? null : new int[] {from, end, end + close.length()};
  }

  private static String code(char code, String content) {
    return switch (code) {
      case 'X', 'Z' -> "";
      case 'E' -> entity(content);
      case 'L' -> link(content);
      default -> codes(content);
    };
  }

  private static String entity(String name) {
    try {
      if (name.startsWith("0x") || name.startsWith("0X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
        return new String(Character.toChars(Integer.parseInt(name)));
      }
    } catch (IllegalArgumentException e) {
      return name;
    }
    return ENTITIES.getOrDefault(name, name);
  }

  /** {@code text|target} gives the text; {@code name/"section"} the section in the name; else the target. */
  private static String link(String content) {
    int bar = content.indexOf('|');
    if (bar >= 0) {
      return codes(content.substring(0, bar));
    }
    int slash = content.indexOf('/');
    if (slash >= 0 && !content.contains("://")) {
      String section = content.substring(slash + 1).replace("\"", "");
      String page = content.substring(0, slash);
      return codes(page.isEmpty() ? section : section + " in " + page);
    }
    return codes(content);
  }
}
