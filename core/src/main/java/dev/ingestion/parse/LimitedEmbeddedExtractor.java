package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses attachments and archive entries into the same output, but no deeper than {@code maxDepth} and
 * no more than {@code maxCount} per document; what is over the limit is skipped and counted.
 */
final class LimitedEmbeddedExtractor implements EmbeddedDocumentExtractor {
  private final ParsingEmbeddedDocumentExtractor delegate;
  private final int maxDepth;
  private final int maxCount;
  private final java.util.function.LongSupplier allowedBytes;
  private int depth;
  private int count;
  private int skipped;
  private ExpansionGuard.TooLarge tooLarge;

  /**
   * @param allowedBytes how many bytes one embedded document may expand to (its compression-ratio
   *     budget); Tika's own guard counts characters, so entries without text need this one
   */
  LimitedEmbeddedExtractor(ParseContext context, int maxDepth, int maxCount, java.util.function.LongSupplier allowedBytes) {
    this.delegate = new ParsingEmbeddedDocumentExtractor(context);
    this.delegate.setWriteFileNameToContent(true);
    this.maxDepth = maxDepth;
    this.maxCount = maxCount;
    this.allowedBytes = allowedBytes;
  }

  @Override
  public boolean shouldParseEmbedded(Metadata metadata) {
    if (depth >= maxDepth || count >= maxCount) {
      skipped++;
      return false;
    }
    return delegate.shouldParseEmbedded(metadata);
  }

  @Override
  public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    count++;
    depth++;
    String name = metadata.get(org.apache.tika.metadata.TikaCoreProperties.RESOURCE_NAME_KEY);
    ExpansionGuard guard = new ExpansionGuard(stream, name == null ? "(unnamed)" : name, allowedBytes);
    try {
      delegate.parseEmbedded(guard, EmbeddedText.around(handler, outputHtml), metadata, outputHtml);
    } finally {
      depth--;
      if (tooLarge == null && guard.exceeded() != null) {
        tooLarge = guard.exceeded();
      }
    }
  }

  /** Set when an embedded document expanded past its budget, even if a parser swallowed the error. */
  ExpansionGuard.TooLarge tooLarge() {
    return tooLarge;
  }

  int skipped() {
    return skipped;
  }
}
