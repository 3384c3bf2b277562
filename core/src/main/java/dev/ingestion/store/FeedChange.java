package dev.ingestion.store;

import java.util.List;

/** One change of the set of current chunks, as the change feed delivers it. */
public sealed interface FeedChange {
  /** The stable chunk id (see {@link dev.ingestion.model.ChunkId}). */
  String id();

  long documentId();

  /** Why a chunk enters or leaves: {@code new_version}, {@code restored}, {@code superseded}, {@code deleted}. */
  String reason();

  /** A chunk that is now current: store it under {@code id} (replacing any earlier one with that id). */
  record Upsert(String id, long documentId, String source, String path, int version, int ordinal, String text,
      String contentHash, String title, String mimeType, List<String> headingPath, Integer page, int startOffset,
      int endOffset, float[] embedding, String reason) implements FeedChange {}

  /** A chunk that is no longer current: remove {@code id} (a no-op if it was never stored). */
  record Delete(String id, long documentId, int version, int ordinal, String reason) implements FeedChange {}
}
