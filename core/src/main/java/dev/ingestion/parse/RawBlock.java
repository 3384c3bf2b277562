package dev.ingestion.parse;

import dev.ingestion.model.TextBlock;

/**
 * One block as the parser saw it, before the blocks are joined into the document's text: its kind,
 * heading level (0 unless a heading), the page it starts on (null without pages) and its whitespace-
 * normalised text.
 */
record RawBlock(TextBlock.Kind kind, int level, Integer page, String text) {
  RawBlock withText(String newText) {
    return new RawBlock(kind, level, page, newText);
  }

  RawBlock asHeading(int headingLevel) {
    return new RawBlock(TextBlock.Kind.HEADING, headingLevel, page, text);
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
