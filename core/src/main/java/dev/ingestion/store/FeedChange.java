package dev.ingestion.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One change of the set of current chunks, as the change feed delivers it. */
public sealed interface FeedChange {
  /** The stable chunk id (see {@link dev.ingestion.model.ChunkId}). */
  String id();

  long documentId();

  /** Why a chunk enters or leaves: {@code new_version}, {@code restored}, {@code superseded}, {@code deleted}. */
  String reason();

  /** The change as the API and the export write it (snake_case keys, {@code op} first). */
  Map<String, Object> asMap();

  /**
   * What an upsert says about the chunk's document: the same for every chunk of a version.
   * {@code language} is null when extraction did not detect one; {@code sourceMetadata} is what the
   * source gave (JDBC metadata columns, SharePoint author and URL, ...), empty when nothing.
   */
  record DocumentFields(String source, String path, String title, String mimeType, String language, String author,
      Map<String, Object> sourceMetadata) {
    public DocumentFields {
      sourceMetadata = sourceMetadata == null ? Map.of() : sourceMetadata;
    }
  }

  /**
   * Where a chunk sits in its document: headings above it, page (null when unknown), character offsets,
   * and the kind of block it holds (heading, paragraph, list, table, code; null when not recorded).
   */
  record ChunkPlace(List<String> headingPath, Integer page, int startOffset, int endOffset, String kind) {}

  /** A chunk that is now current: store it under {@code id} (replacing any earlier one with that id). */
  record Upsert(String id, long documentId, int version, int ordinal, String reason, String text, String contentHash,
      DocumentFields document, ChunkPlace place, float[] embedding) implements FeedChange {
    public String source() {
      return document.source();
    }

    public String path() {
      return document.path();
    }

    public List<String> headingPath() {
      return place.headingPath();
    }

    @Override
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", "upsert");
      m.put("id", id);
      m.put("document_id", documentId);
      m.put("source", document.source());
      m.put("path", document.path());
      m.put("version", version);
      m.put("ordinal", ordinal);
      m.put("reason", reason);
      m.put("text", text);
      m.put("content_hash", contentHash);
      m.put("metadata", metadata());
      m.put("source_metadata", document.sourceMetadata());
      m.put("embedding", embedding);
      return m;
    }

    private Map<String, Object> metadata() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("title", document.title());
      m.put("mime_type", document.mimeType());
      m.put("language", document.language());
      m.put("author", document.author());
      m.put("heading_path", place.headingPath());
      m.put("page", place.page());
      m.put("start_offset", place.startOffset());
      m.put("end_offset", place.endOffset());
      m.put("kind", place.kind());
      return m;
    }
  }

  /** A chunk that is no longer current: remove {@code id} (a no-op if it was never stored). */
  record Delete(String id, long documentId, int version, int ordinal, String reason) implements FeedChange {
    @Override
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", "delete");
      m.put("id", id);
      m.put("document_id", documentId);
      m.put("version", version);
      m.put("ordinal", ordinal);
      m.put("reason", reason);
      return m;
    }
  }
}
