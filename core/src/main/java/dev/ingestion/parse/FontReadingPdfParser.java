package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Tika's PDF parser, which also finds the headings of a PDF without bookmarks from its fonts
 * ({@link PdfFontHeadings}) on the document it has loaded: one load of the file and of its fonts for
 * both. The fonts are read after Tika has read the text, before it closes the document, and only when
 * the text asks for them (no numbered headings in it, see {@link FontHeadings}): reading them decodes
 * every page's content again, a third of the PDF's parse. Only the outermost PDF of a parse is read for
 * fonts, and only when the parse asks for it by putting a {@link FontHeadings} in its context. Every
 * document it loads, embedded PDFs too, keeps its fonts for its whole parse ({@link DocumentFontCache}).
 */
public final class FontReadingPdfParser extends PDFParser {
  private static final long serialVersionUID = 1L;

  /**
   * Where the headings of the parse's outermost PDF go. The PDF is kept from its load to the end of its
   * text; there, when {@code wanted} says the text has no headings of its own, its fonts are read.
   */
  static final class FontHeadings {
    private final BooleanSupplier wanted;
    private boolean loaded;
    private PDDocument pending;
    private List<OutlineEntry> found;

    /** {@code wanted} is asked once the text is read: are headings from the fonts needed? */
    FontHeadings(BooleanSupplier wanted) {
      this.wanted = wanted;
    }

    List<OutlineEntry> headings() {
      return found == null ? List.of() : found;
    }

    /** Whether the fonts were read: the text of a PDF without bookmarks asked for them. */
    boolean read() {
      return found != null;
    }

    /** {@code handler}, which on the end of the document reads the fonts if its text wants them. */
    ContentHandler readingAtEnd(ContentHandler handler) {
      return new ContentHandlerDecorator(handler) {
        @Override
        public void endDocument() throws SAXException {
          super.endDocument();
          PDDocument doc = pending;
          pending = null;
          if (doc != null && wanted.getAsBoolean()) {
            found = PdfFontHeadings.find(doc);
          }
        }
      };
    }

    private void loaded(PDDocument doc) {
      if (!loaded) {
        loaded = true;
        pending = hasBookmarks(doc) ? null : doc;
      }
    }
  }

  @Override
  protected PDDocument getPDDocument(InputStream stream, TikaInputStream tis, String password,
      RandomAccessStreamCache.StreamCacheCreateFunction cache, Metadata metadata, ParseContext context)
      throws IOException, EncryptedDocumentException {
    PDDocument doc = super.getPDDocument(stream, tis, password, cache, metadata, context);
    doc.setResourceCache(new DocumentFontCache());
    FontHeadings slot = context.get(FontHeadings.class);
    if (slot != null) {
      slot.loaded(doc);
    }
    return doc;
  }

  @Override
  protected PDDocument getPDDocument(Path path, String password,
      RandomAccessStreamCache.StreamCacheCreateFunction cache, Metadata metadata, ParseContext context)
      throws IOException {
    return PdfLoader.load(path.toFile(), password, cache, keys(context));
  }

  @Override
  protected PDDocument getPDDocument(InputStream stream, String password,
      RandomAccessStreamCache.StreamCacheCreateFunction cache, Metadata metadata, ParseContext context)
      throws IOException {
    return PdfLoader.load(stream, password, cache, keys(context));
  }

  /** The key index a test put in the context to watch the loading, or a new one. */
  private static PdfLoader.KeyIndex keys(ParseContext context) {
    PdfLoader.KeyIndex given = context.get(PdfLoader.KeyIndex.class);
    return given != null ? given : new PdfLoader.KeyIndex();
  }

  private static boolean hasBookmarks(PDDocument doc) {
    PDDocumentOutline outline = doc.getDocumentCatalog().getDocumentOutline();
    return outline != null && outline.getFirstChild() != null;
  }
}
