package dev.ingestion.chunk;

import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random documents mixing the text chunking must survive: words and sentences, blank lines and
 * CRLF, CJK without spaces, emoji and joiner sequences, combining marks, RTL scripts and words
 * longer than any chunk, under random headings and pages. The same seed always gives the same
 * document.
 */
final class RandomDocuments {
  private static final String[] EMOJI = {
    "\ud83d\ude00",
    "\ud83d\udc4d\ud83c\udffd",
    "\ud83c\uddeb\ud83c\uddf7",
    "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66"
  };
  private static final String[] RTL = {"مرحبا", "بالعالم", "؟", "שלום", "עולם", "\u200fטקסט", "نص"};
  private static final String[] SEPARATORS = {
    " ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n\r\n", " \n \n", "\u3000"
  };
  private static final String[] PUNCTUATION = {". ", "! ", "? ", ", ", ".", "。", "\" ", ") "};
  private static final String CJK = "漢字仮名交じり文日本語中文한국어カタカナ\ud840\udc00";

  private final Random random;
  private final StringBuilder text = new StringBuilder();
  private final List<TextBlock> blocks = new ArrayList<>();

  private RandomDocuments(Random random) {
    this.random = random;
  }

  static ExtractedDocument generate(Random random) {
    return new RandomDocuments(random).document();
  }

  /** One paragraph of short ASCII words separated by single spaces. */
  static String shortWords(Random random, int length) {
    StringBuilder words = new StringBuilder();
    while (words.length() < length) {
      words.append(letters(random, 1 + random.nextInt(8))).append(' ');
    }
    return words.toString().strip();
  }

  private ExtractedDocument document() {
    int targetLength = random.nextInt(4000);
    if (random.nextInt(5) == 0) {
      appendBody(targetLength);
      return build(List.of());
    }
    Integer page = random.nextBoolean() ? 1 : null;
    while (text.length() < targetLength) {
      appendGap();
      int start = text.length();
      boolean heading = random.nextInt(4) == 0;
      if (heading) {
        text.append(letters(random, 1 + random.nextInt(10)))
            .append(' ')
            .append(1 + random.nextInt(99));
      } else {
        appendBody(random.nextInt(600));
      }
      if (text.length() > start) {
        blocks.add(
            new TextBlock(
                heading ? TextBlock.Kind.HEADING : TextBlock.Kind.BODY,
                heading ? 1 + random.nextInt(4) : 0,
                start,
                text.length(),
                page));
      }
      page = page == null ? null : page + random.nextInt(2);
    }
    return build(blocks);
  }

  private ExtractedDocument build(List<TextBlock> documentBlocks) {
    return new ExtractedDocument(
        text.toString(), documentBlocks, DocumentMetadata.unknown("text/plain"), false);
  }

  private void appendGap() {
    if (!text.isEmpty()) {
      text.append(random.nextInt(4) == 0 ? "" : random.nextBoolean() ? "\n\n" : " \n");
    }
  }

  /**
   * Body text ends in non-whitespace, so the gaps between blocks are the only text outside blocks.
   */
  private void appendBody(int length) {
    int end = text.length() + length;
    while (text.length() < end) {
      appendToken();
    }
    while (!text.isEmpty() && Character.isWhitespace(text.charAt(text.length() - 1))) {
      text.setLength(text.length() - 1);
    }
  }

  private void appendToken() {
    switch (random.nextInt(12)) {
      case 0 -> text.append(pick(PUNCTUATION));
      case 1 -> text.append(pick(EMOJI));
      case 2 -> text.append(pick(RTL)).append(' ');
      case 3 -> appendCjk(1 + random.nextInt(40));
      case 4 ->
          text.append(random.nextBoolean() ? "e\u0301" : "a" + "\u0308".repeat(random.nextInt(45)));
      case 5 -> text.append(letters(random, 30 + random.nextInt(600)));
      case 6, 7 -> text.append(pick(SEPARATORS));
      default -> text.append(letters(random, 1 + random.nextInt(12))).append(' ');
    }
  }

  private void appendCjk(int count) {
    for (int i = 0; i < count; i++) {
      int index = random.nextInt(CJK.length() - 1);
      text.append(
          Character.isHighSurrogate(CJK.charAt(index))
              ? CJK.substring(index, index + 2)
              : CJK.charAt(index));
    }
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }

  private static String letters(Random random, int count) {
    StringBuilder word = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      word.append((char) ((random.nextInt(5) == 0 ? 'A' : 'a') + random.nextInt(26)));
    }
    return word.toString();
  }
}
