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

  /** A chunk that is now current: store it under {@code id} (replacing any earlier one with that id). */
  record Upsert(String id, long documentId, String source, String path, int version, int ordinal, String text,
      String contentHash, String title, String mimeType, List<String> headingPath, Integer page, int startOffset,
      int endOffset, float[] embedding, String reason) implements FeedChange {
    @Override
    public Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("op", "upsert");
      m.put("id", id);
      m.put("document_id", documentId);
      m.put("source", source);
      m.put("path", path);
      m.put("version", version);
      m.put("ordinal", ordinal);
      m.put("reason", reason);
      m.put("text", text);
      m.put("content_hash", contentHash);
      m.put("metadata", metadata());
      m.put("embedding", embedding);
      return m;
    }

    private Map<String, Object> metadata() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("title", title);
      m.put("mime_type", mimeType);
      m.put("heading_path", headingPath);
      m.put("page", page);
      m.put("start_offset", startOffset);
      m.put("end_offset", endOffset);
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
