package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Content detection with two corrections.
 *
 * <ul>
 *   <li>A text file whose first lines are {@code %} comments is taken for Matlab source by its content
 *       alone, though TeX, LaTeX styles and BibTeX files start that way too. When content says Matlab and
 *       the file's name names another text format, the name wins.
 *   <li>Tika takes a file for text only when its bytes are mostly ASCII or valid UTF-8, so text in a
 *       legacy encoding (Russian in Windows-1251 or CP866, Japanese in EUC-JP or Shift_JIS, Chinese in
 *       Big5) with a name that says nothing is {@code application/octet-stream}, which no parser reads.
 *       When Tika says that and the file's first {@value #SNIFF} bytes hold no NUL and almost no control
 *       characters (binary formats have both in their first few bytes, compressed data about one byte in
 *       nine), it is {@code text/plain}: the text parser's charset detection then picks the encoding.
 * </ul>
 */
final class NameTrustingDetector implements Detector {
  private static final MediaType MATLAB = MediaType.parse("text/x-matlab");
  /** How much of the file the legacy-text test reads. */
  static final int SNIFF = 8192;
  /** A shorter file says too little to be called text by its bytes alone. */
  private static final int MIN_TEXT_BYTES = 64;

  private final Detector content;
  private final MimeTypes types;
  private final MediaTypeRegistry registry;

  NameTrustingDetector(Detector content, MimeTypes types) {
    this.content = content;
    this.types = types;
    this.registry = types.getMediaTypeRegistry();
  }

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    MediaType detected = content.detect(input, metadata);
    if (MediaType.OCTET_STREAM.equals(detected) && input != null && legacyText(input)) {
      return MediaType.TEXT_PLAIN;
    }
    String name = metadata.get(TikaCoreProperties.RESOURCE_NAME_KEY);
    if (!MATLAB.equals(detected) || name == null) {
      return detected;
    }
    Metadata nameOnly = new Metadata();
    nameOnly.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    MediaType named = types.detect(null, nameOnly);
    boolean otherText = !named.equals(detected) && registry.isSpecializationOf(named, MediaType.TEXT_PLAIN)
        && !named.getSubtype().contains("src");
    return otherText ? named : detected;
  }

  /** Whether the stream's first bytes look like text in some 8-bit or multi-byte encoding (see the class). */
  static boolean legacyText(InputStream input) throws IOException {
    if (!input.markSupported()) {
      return false;
    }
    input.mark(SNIFF);
    byte[] head;
    try {
      head = input.readNBytes(SNIFF);
    } finally {
      input.reset();
    }
    return looksLikeText(head, head.length);
  }

  /**
   * No NUL, and control characters other than tab, line feed, form feed, carriage return and escape in at
   * most one byte of a hundred.
   */
  static boolean looksLikeText(byte[] b, int length) {
    if (length < MIN_TEXT_BYTES) {
      return false;
    }
    int control = 0;
    for (int i = 0; i < length; i++) {
      int c = b[i] & 0xff;
      if (c == 0) {
        return false;
      }
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != 0x1b) {
        control++;
      }
    }
    return control * 100 <= length;
  }
}
