package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.tika.detect.CompositeEncodingDetector;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.html.HtmlEncodingDetector;

/**
 * Tika's HTML charset detector, asked only when the head of the stream can hold its answer.
 *
 * <p>Tika's {@link HtmlEncodingDetector} runs first for every text and HTML file: it decodes the first
 * 8 KB as ASCII, strips comments with a regular expression and searches for {@code <meta ... charset=}
 * twice (with and without the comments). Each answer it can give comes from a match of
 * {@code \bcharset\s*=} in that head (ASCII letters, either case), so a head without the seven letters
 * "charset" in a row gives none. This detector reads the same head the same way (mark, read, reset),
 * looks for those letters in its bytes and hands the stream to Tika's detector only when they are there:
 * the same answers, without the regular expressions on the files that declare no charset, which are
 * most plain-text files.
 */
final class CharsetDeclarations implements EncodingDetector {
  private static final long serialVersionUID = 1L;
  private static final byte[] WORD = {'c', 'h', 'a', 'r', 's', 'e', 't'};

  private final HtmlEncodingDetector html;

  CharsetDeclarations(HtmlEncodingDetector html) {
    this.html = html;
  }

  /**
   * {@code detectors} (a composite such as Tika's default encoding detector) with its HTML detector
   * behind this check, in the same place; any other detector unchanged.
   */
  static EncodingDetector around(EncodingDetector detectors) {
    if (!(detectors instanceof CompositeEncodingDetector composite)) {
      return detectors instanceof HtmlEncodingDetector h ? new CharsetDeclarations(h) : detectors;
    }
    List<EncodingDetector> checked = new ArrayList<>();
    for (EncodingDetector detector : composite.getDetectors()) {
      checked.add(around(detector));
    }
    return new CompositeEncodingDetector(checked);
  }

  @Override
  public Charset detect(InputStream input, Metadata metadata) throws IOException {
    if (input == null) {
      return null;
    }
    int limit = html.getMarkLimit();
    byte[] head = new byte[limit];
    input.mark(limit);
    int n;
    try {
      n = input.readNBytes(head, 0, limit);
    } finally {
      input.reset();
    }
    return mentionsCharset(head, n) ? html.detect(input, metadata) : null;
  }

  /** Whether {@code bytes[0, length)} hold "charset" in ASCII letters of either case. */
  static boolean mentionsCharset(byte[] bytes, int length) {
    for (int i = 0, last = length - WORD.length; i <= last; i++) {
      if ((bytes[i] | 0x20) == 'c' && matchesAt(bytes, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAt(byte[] bytes, int at) {
    for (int k = 1; k < WORD.length; k++) {
      if ((bytes[at + k] | 0x20) != WORD[k]) {
        return false;
      }
    }
    return true;
  }
}
