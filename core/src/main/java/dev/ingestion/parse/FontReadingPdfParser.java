package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.pdf.PDFParser;

/**
 * Tika's PDF parser, which also finds the headings of a PDF without bookmarks from its fonts
 * ({@link PdfFontHeadings}) on the document it has just loaded, before reading its text: one load of the
 * file and of its fonts for both. Only the outermost PDF of a parse is read for fonts, and only when the
 * parse asks for it by putting a {@link FontHeadings} in its context.
 */
public final class FontReadingPdfParser extends PDFParser {
  private static final long serialVersionUID = 1L;

  /** Where the headings of the parse's outermost PDF go; empty until a PDF without bookmarks is loaded. */
  static final class FontHeadings {
    private List<OutlineEntry> found;

    List<OutlineEntry> headings() {
      return found == null ? List.of() : found;
    }
  }

  @Override
  protected PDDocument getPDDocument(InputStream stream, TikaInputStream tis, String password,
      RandomAccessStreamCache.StreamCacheCreateFunction cache, Metadata metadata, ParseContext context)
      throws IOException, EncryptedDocumentException {
    PDDocument doc = super.getPDDocument(stream, tis, password, cache, metadata, context);
    FontHeadings slot = context.get(FontHeadings.class);
    if (slot != null && slot.found == null) {
      slot.found = hasBookmarks(doc) ? List.of() : PdfFontHeadings.find(doc);
    }
    return doc;
  }

  private static boolean hasBookmarks(PDDocument doc) {
    PDDocumentOutline outline = doc.getDocumentCatalog().getDocumentOutline();
    return outline != null && outline.getFirstChild() != null;
  }
}
