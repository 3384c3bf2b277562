package dev.ingestion.parse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.lang.reflect.Field;
import java.nio.charset.Charset;
import java.util.Set;
import org.apache.tika.detect.AutoDetectReader;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.csv.TextAndCSVConfig;
import org.apache.tika.parser.csv.TextAndCSVParser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Plain text (text/plain and the text types below it: sources, scripts, change logs), read as Tika's own
 * text parser ({@link TextAndCSVParser}) reads it: the same character set, chosen by the same detector;
 * the same test of whether a text/plain file is a table (Tika's CSV sniffer's rules, followed by
 * {@link TableSniffer} on the same first characters); the same metadata and the same XHTML events, one
 * paragraph holding the whole text. What differs is the cost per character: Tika passes the text through
 * a filter that looks at each code point with a virtual call to replace what XML does not allow, a fifth
 * of a parser child's CPU on a corpus of text files. Here one loop over each block of characters passes
 * the allowed ones on in runs and replaces the others by U+FFFD, as Tika's filter does. (Tika filters each
 * block of 4,096 characters on its own, so a character outside the Basic Multilingual Plane cut in two by
 * a block's end becomes two U+FFFD there; it stays whole here.)
 *
 * <p>A manual page's troff source (text/troff or plain text that starts as one: {@link ManPage#looksLike})
 * is read by {@link ManPage}, which gives its words, headings and paragraphs instead of its markup; a GNU
 * Info file ({@link InfoPage#looksLike}) by {@link InfoPage}, which leaves its navigation out; a Perl program,
 * or plain text with POD commands near its start ({@link PodText#looksLike}), by {@link PodText}, which
 * gives the documentation's headings and text instead of its commands and codes, and the code as code.
 *
 * <p>A file the sniffer takes for a table, a type an operator overrode, and anything when Tika's sniffer
 * is not where this class looks for it (another Tika version) go to Tika's parser, which then reads the
 * file from its start.
 */
public final class PlainTextParser implements Parser {
  private static final long serialVersionUID = 1L;
  private static final Set<MediaType> TYPES = Set.of(MediaType.TEXT_PLAIN);
  private static final MediaType CSV = MediaType.text("csv");
  private static final MediaType TSV = MediaType.text("tsv");
  private static final MediaType TROFF = MediaType.text("troff");
  private static final MediaType PERL = MediaType.text("x-perl");
  /** How many of the first bytes are kept, to be read again by Tika's parser when the sniffer finds a table. */
  private static final int REREAD_LIMIT = 1 << 20;
  private static final int BLOCK = 8192;
  private static final char[] REPLACEMENT = {'\ufffd'};
  /** Tika's parser's own default, used when the context names none (as Tika's parser does). */
  private static final TextAndCSVConfig DEFAULT_CONFIG = new TextAndCSVConfig();

  private final TextAndCSVParser tika = new TextAndCSVParser();
  private final transient TableSniffer sniffer = tikasTableTest(tika);

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return TYPES;
  }

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
      throws IOException, SAXException, TikaException {
    MediaType type = declared(metadata);
    if (sniffer == null || metadata.get(TikaCoreProperties.CONTENT_TYPE_USER_OVERRIDE) != null
        || CSV.equals(type.getBaseType()) || TSV.equals(type.getBaseType())) {
      tika.parse(stream, handler, metadata, context);
      return;
    }
    boolean plain = MediaType.TEXT_PLAIN.equals(type.getBaseType());
    Recording recording = new Recording(stream, plain ? REREAD_LIMIT : 0);
    AutoDetectReader reader = new AutoDetectReader(recording, metadata, encoding(context));
    Charset charset = reader.getCharset();
    boolean troffType = TROFF.equals(type.getBaseType());
    boolean perl = PERL.equals(type.getBaseType());
    char[] head = new char[plain || troffType ? sniffer.reads() : 0];
    int headLength = readFully(reader, head);
    if (plain && !sniffer.saysText(head, headLength, delimiters(context))) {
      // a table: Tika's parser reads the file again from its start, the bytes read so far first
      try (TemporaryResources tmp = new TemporaryResources()) {
        tika.parse(TikaInputStream.get(recording.readAgain(), tmp, metadata), handler, metadata, context);
      }
      return;
    }
    recording.stop();
    boolean troff = (plain || troffType) && ManPage.looksLike(head, headLength, troffType);
    MediaType withCharset = new MediaType(troff ? TROFF : plain ? MediaType.TEXT_PLAIN : type, charset);
    metadata.set(Metadata.CONTENT_TYPE, withCharset.toString());
    metadata.set(Metadata.CONTENT_ENCODING, charset.name());
    XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
    xhtml.startDocument();
    AllowedText allowed = new AllowedText(handler);
    if (troff) {
      pump(head, headLength, reader, new ManPage(xhtml, allowed, metadata));
    } else if (plain && InfoPage.looksLike(head, headLength)) {
      pump(head, headLength, reader, new InfoPage(xhtml, allowed));
    } else if (perl || plain && PodText.looksLike(head, headLength)) {
      pump(head, headLength, reader, new PodText(xhtml, allowed));
    } else {
      xhtml.startElement("p"); // opens the body: the text below goes to the handler as XHTML's characters would
      pump(head, headLength, reader, allowed);
      xhtml.endElement("p");
    }
    xhtml.endDocument();
  }

  /** Where the text goes: as it is ({@link AllowedText}), or read as a manual page, an Info file or POD. */
  interface TextSink {
    void write(char[] chars, int offset, int length) throws SAXException;

    void end() throws SAXException;
  }

  /** The first characters, already read, then the rest of the text, into {@code sink}. */
  private static void pump(char[] head, int headLength, Reader reader, TextSink sink) throws IOException, SAXException {
    sink.write(head, 0, headLength);
    char[] block = new char[BLOCK];
    for (int n = reader.read(block); n != -1; n = reader.read(block)) {
      sink.write(block, 0, n);
    }
    sink.end();
  }

  /** The candidate delimiters: the context's CSV configuration, else Tika's default. */
  private static Set<Character> delimiters(ParseContext context) {
    return context.get(TextAndCSVConfig.class, DEFAULT_CONFIG).getDelimiterToNameMap().keySet();
  }

  private static MediaType declared(Metadata metadata) {
    String declared = metadata.get(Metadata.CONTENT_TYPE);
    MediaType type = declared == null ? null : MediaType.parse(declared);
    return type == null ? MediaType.TEXT_PLAIN : type;
  }

  private EncodingDetector encoding(ParseContext context) {
    return context.get(EncodingDetector.class, tika.getEncodingDetector());
  }

  private static int readFully(Reader reader, char[] into) throws IOException {
    int n = 0;
    while (n < into.length) {
      int read = reader.read(into, n, into.length - n);
      if (read == -1) {
        break;
      }
      n += read;
    }
    return n;
  }

  /**
   * The document's bytes as the text reader takes them, the first ones kept so that they can be read again
   * (ahead of the rest) when the document turns out to be a table. It offers no mark, so the reader's
   * character set detection buffers above it and every byte passes here once, in order. It never closes
   * the document's stream, which belongs to the caller.
   */
  private static final class Recording extends FilterInputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private int room;
    private boolean keeping;
    private boolean overflowed;

    Recording(InputStream in, int limit) {
      super(in);
      this.room = limit;
      this.keeping = limit > 0;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b != -1 && keeping) {
        keep(new byte[] {(byte) b}, 0, 1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0 && keeping) {
        keep(buffer, offset, n);
      }
      return n;
    }

    /** Skipped bytes are read, so that they are kept like the others. */
    @Override
    public long skip(long n) throws IOException {
      byte[] skipped = new byte[(int) Math.min(n, 8192)];
      long left = n;
      while (left > 0) {
        int read = read(skipped, 0, (int) Math.min(left, skipped.length));
        if (read < 0) {
          break;
        }
        left -= read;
      }
      return n - left;
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {
      // the caller's stream
    }

    private void keep(byte[] bytes, int offset, int length) {
      if (length > room) {
        overflowed = true;
        stop();
        return;
      }
      kept.write(bytes, offset, length);
      room -= length;
    }

    /** Nothing more to keep: the document is read once, as text. */
    void stop() {
      keeping = false;
      kept.reset();
    }

    /** The whole document again: the bytes read so far, then the rest. */
    InputStream readAgain() throws IOException {
      if (overflowed) {
        throw new IOException("more than " + REREAD_LIMIT + " bytes were read before the CSV test; cannot read again");
      }
      return new SequenceInputStream(new ByteArrayInputStream(kept.toByteArray()), in);
    }
  }

  /**
   * Characters on their way to the handler: the ones XHTML allows pass in runs, each other one becomes
   * U+FFFD (controls other than tab, line feed and carriage return, C1 controls, U+FFFE and U+FFFF, a
   * surrogate without its partner). A high surrogate at the end of one block waits for the next.
   */
  static final class AllowedText implements TextSink {
    private final ContentHandler out;
    private char pendingHigh;

    AllowedText(ContentHandler out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int offset, int length) throws SAXException {
      int end = offset + length;
      int i = offset;
      if (pendingHigh != 0 && i < end) {
        if (Character.isLowSurrogate(chars[i])) {
          out.characters(new char[] {pendingHigh, chars[i]}, 0, 2);
          i++;
        } else {
          out.characters(REPLACEMENT, 0, 1);
        }
        pendingHigh = 0;
      }
      int run = i;
      while (i < end) {
        char c = chars[i];
        if (allowed(c)) {
          i++;
        } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
          i += 2;
        } else {
          if (i > run) {
            out.characters(chars, run, i - run);
          }
          if (Character.isHighSurrogate(c) && i + 1 == end) {
            pendingHigh = c;
          } else {
            out.characters(REPLACEMENT, 0, 1);
          }
          run = ++i;
        }
      }
      if (end > run) {
        out.characters(chars, run, end - run);
      }
    }

    /** The text ended: a high surrogate still waiting had no partner. */
    @Override
    public void end() throws SAXException {
      if (pendingHigh != 0) {
        out.characters(REPLACEMENT, 0, 1);
        pendingHigh = 0;
      }
    }

    private static boolean allowed(char c) {
      if (c >= 0x20 && c < 0x7F) {
        return true;
      }
      if (c < 0x20) {
        return c == '\t' || c == '\n' || c == '\r';
      }
      return (c >= 0xA0 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD);
    }
  }

  /**
   * The table test Tika's text parser runs, with the mark limit and the least confidence that parser gives
   * it, or null when Tika's sniffer is not the class {@link TableSniffer} follows (another Tika version):
   * its constructor and {@code getBest} are looked up, by reflection, as a check that it is there.
   */
  private static TableSniffer tikasTableTest(TextAndCSVParser parser) {
    try {
      Class<?> type = Class.forName("org.apache.tika.parser.csv.CSVSniffer", false,
          TextAndCSVParser.class.getClassLoader());
      type.getDeclaredConstructor(int.class, Set.class, double.class);
      type.getDeclaredMethod("getBest", Reader.class, Metadata.class);
      Field markLimit = TextAndCSVParser.class.getDeclaredField("markLimit");
      Field minConfidence = TextAndCSVParser.class.getDeclaredField("minConfidence");
      markLimit.setAccessible(true);
      minConfidence.setAccessible(true);
      return new TableSniffer(markLimit.getInt(parser), minConfidence.getDouble(parser));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
