package dev.ingestion.parse;

import java.lang.reflect.Field;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Where an archive, a compressed file or a mail passes the text of a document inside it: the container's
 * XHTML output, whose characters go to the output below it by the one loop of
 * {@link PlainTextParser.AllowedText} instead of Tika's filter, which looks at each code point with a
 * virtual call. The embedded document's own parser has filtered that text once already (through its
 * own XHTML output, or {@link PlainTextParser}); Tika filters it a second time at the container, a sixth
 * of a parser child's CPU on a folder of compressed change logs. The replacement is the same (U+FFFD for
 * each character XHTML does not allow, per call), so the output is too.
 *
 * <p>Only once the container's body is open: when the entry is written as a package entry (Tika's
 * extractor opens a {@code div} in the container's output before the entry's text), every other event
 * still goes through the container's output, and a container whose output is not Tika's XHTML handler,
 * or one whose handler is not where this class looks for it (another Tika version), is left as it is.
 */
final class EmbeddedText extends ContentHandlerDecorator {
  private static final Field BELOW = below();

  private final PlainTextParser.AllowedText text;

  private EmbeddedText(XHTMLContentHandler container, ContentHandler below) {
    super(container);
    this.text = new PlainTextParser.AllowedText(below);
  }

  /** The container's handler, with its characters passed on by the quick loop where that is safe. */
  static ContentHandler around(ContentHandler container, boolean packageEntry) {
    if (!packageEntry || BELOW == null || !(container instanceof XHTMLContentHandler xhtml)) {
      return container;
    }
    try {
      ContentHandler below = (ContentHandler) BELOW.get(xhtml);
      return below == null ? container : new EmbeddedText(xhtml, below);
    } catch (IllegalAccessException | RuntimeException e) {
      return container;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    text.write(ch, start, length);
    text.end();
  }

  private static Field below() {
    try {
      Field field = ContentHandlerDecorator.class.getDeclaredField("handler");
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
