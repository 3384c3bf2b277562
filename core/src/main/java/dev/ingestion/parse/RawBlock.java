package dev.ingestion.parse;

import dev.ingestion.model.TextBlock;

/**
 * One block as the parser saw it, before the blocks are joined into the document's text: its kind,
 * heading level (0 unless a heading), the page it starts on (null without pages) and its whitespace-
 * normalised text; and which of the characters the clean-up steps look for its text has ({@link #marks}),
 * found while the text was normalised, so that those steps read only the blocks that have them.
 */
record RawBlock(TextBlock.Kind kind, int level, Integer page, String text, int marks) {
  /** "-" at a line's end: a word the line break may have split (see {@link Dehyphenator}). */
  static final int LINE_END_HYPHEN = 1;
  /** U+00AD, a soft hyphen. */
  static final int SOFT_HYPHEN = 2;
  /** U+00B6, the permalink sign documentation generators end headings with. */
  static final int PERMALINK_SIGN = 4;

  /** A block whose marks are looked for in its text. */
  RawBlock(TextBlock.Kind kind, int level, Integer page, String text) {
    this(kind, level, page, text, marksOf(text));
  }

  static int marksOf(String text) {
    return (text.contains("-\n") ? LINE_END_HYPHEN : 0) | (text.indexOf('\u00AD') >= 0 ? SOFT_HYPHEN : 0)
        | (text.indexOf('\u00B6') >= 0 ? PERMALINK_SIGN : 0);
  }

  boolean has(int mark) {
    return (marks & mark) != 0;
  }

  /**
   * The block with a part of its text (a line, the text stripped or cut short): it has at most the marks
   * the whole had, so those are kept and the steps still look where one might be.
   */
  RawBlock withText(String part) {
    return new RawBlock(kind, level, page, part, marks);
  }

  RawBlock asHeading(int headingLevel) {
    return new RawBlock(TextBlock.Kind.HEADING, headingLevel, page, text, marks);
  }

  /** The text up to the first line break. */
  String firstLine() {
    int eol = text.indexOf('\n');
    return eol < 0 ? text : text.substring(0, eol);
  }

  /** The text after the last line break. */
  String lastLine() {
    return text.substring(text.lastIndexOf('\n') + 1);
  }
}
