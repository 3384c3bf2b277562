package dev.ingestion.chunk;

import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.TextBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds extracted documents for tests: plain text, or blocks appended one by one with their
 * offsets.
 */
final class Docs {
  private final StringBuilder text = new StringBuilder();
  private final List<TextBlock> blocks = new ArrayList<>();
  private Integer page;

  static ExtractedDocument plain(String text) {
    return new ExtractedDocument(text, List.of(), DocumentMetadata.unknown("text/plain"), false);
  }

  static Docs builder() {
    return new Docs();
  }

  Docs page(Integer number) {
    page = number;
    return this;
  }

  Docs heading(int level, String title) {
    return append(title, (start, end) -> TextBlock.heading(level, start, end, page));
  }

  Docs body(String body) {
    return append(body, (start, end) -> TextBlock.body(start, end, page));
  }

  /** A block of another kind: list, table or code. */
  Docs block(TextBlock.Kind kind, String content) {
    return append(content, (start, end) -> TextBlock.of(kind, start, end, page));
  }

  ExtractedDocument build() {
    return new ExtractedDocument(
        text.toString(), blocks, DocumentMetadata.unknown("text/plain"), false);
  }

  private interface BlockFactory {
    TextBlock at(int start, int end);
  }

  private Docs append(String content, BlockFactory factory) {
    if (!text.isEmpty()) {
      text.append("\n\n");
    }
    int start = text.length();
    text.append(content);
    blocks.add(factory.at(start, text.length()));
    return this;
  }
}
