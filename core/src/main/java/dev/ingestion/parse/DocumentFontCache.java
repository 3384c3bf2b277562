package dev.ingestion.parse;

import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.DefaultResourceCache;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * PDFBox's resource cache, except that a font, once read, stays for the rest of its document. PDFBox's
 * text stripper drops a page's resources from the cache after the page, and its cache keeps a font only
 * once it has been dropped three times: a font used on every page had its program (a Type 1 font's is
 * decrypted and parsed) read four times, and a font of a few pages on each of them. Fonts are still held
 * by soft references, as PDFBox holds them, so a document of thousands of fonts gives them back to the
 * collector before the child runs out of heap; every other kind of resource is dropped as before.
 */
final class DocumentFontCache extends DefaultResourceCache {
  @Override
  public PDFont removeFont(COSObject indirect) {
    return null;
  }
}
