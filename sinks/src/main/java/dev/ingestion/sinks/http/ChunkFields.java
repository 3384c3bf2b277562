package dev.ingestion.sinks.http;

import dev.ingestion.store.FeedChange;
import java.util.Map;

/** The fields every search-engine sink writes for a chunk, in the order they are written. */
public final class ChunkFields {
  private ChunkFields() {}

  /** Puts the chunk's identity, text, document and place fields into {@code m}. */
  public static void put(Map<String, Object> m, FeedChange.Upsert u) {
    m.put("chunk_id", u.id());
    m.put("document_id", u.documentId());
    m.put("version", u.version());
    m.put("ordinal", u.ordinal());
    m.put("text", u.text());
    m.put("content_hash", u.contentHash());
    m.put("source", u.document().source());
    m.put("path", u.document().path());
    m.put("title", u.document().title());
    m.put("mime_type", u.document().mimeType());
    m.put("language", u.document().language());
    m.put("author", u.document().author());
    m.put("heading_path", u.place().headingPath());
    m.put("page", u.place().page());
    m.put("start_offset", u.place().startOffset());
    m.put("end_offset", u.place().endOffset());
    m.put("kind", u.place().kind());
  }
}
