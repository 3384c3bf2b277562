package dev.ingestion.testkit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The simplest downstream index: chunk id to text (and content hash), kept in sync by applying change
 * feed entries ({@code op} upsert or delete, as the API and the export write them) in order.
 */
public final class FeedMirror {
  private final TreeMap<String, String> chunks = new TreeMap<>();
  private long upserts;
  private long deletes;

  public FeedMirror() {}

  private FeedMirror(Map<String, String> from) {
    chunks.putAll(from);
  }

  /** An independent copy: a consumer's state at one cursor. */
  public FeedMirror copy() {
    return new FeedMirror(chunks);
  }

  public void apply(Map<String, ?> change) {
    String id = (String) change.get("id");
    switch ((String) change.get("op")) {
      case "upsert" -> {
        chunks.put(id, (String) change.get("text"));
        upserts++;
      }
      case "delete" -> {
        chunks.remove(id);
        deletes++;
      }
      default -> throw new IllegalArgumentException("unknown op in " + change);
    }
  }

  /** Chunk id to text, sorted by id. */
  public Map<String, String> chunks() {
    return java.util.Collections.unmodifiableMap(chunks);
  }

  public long upserts() {
    return upserts;
  }

  public long deletes() {
    return deletes;
  }
}
