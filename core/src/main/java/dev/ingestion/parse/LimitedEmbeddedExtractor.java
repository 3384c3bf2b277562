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
  private int depth;
  private int count;
  private int skipped;

  LimitedEmbeddedExtractor(ParseContext context, int maxDepth, int maxCount) {
    this.delegate = new ParsingEmbeddedDocumentExtractor(context);
    this.delegate.setWriteFileNameToContent(true);
    this.maxDepth = maxDepth;
    this.maxCount = maxCount;
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
    try {
      delegate.parseEmbedded(stream, handler, metadata, outputHtml);
    } finally {
      depth--;
    }
  }

  int skipped() {
    return skipped;
  }
}
