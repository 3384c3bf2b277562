package dev.ingestion.sinks.opensearch;

import dev.ingestion.sinks.http.ChunkFields;
import dev.ingestion.sinks.http.SearchHttp;
import dev.ingestion.store.FeedChange;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Feed changes as a Bulk API body: an {@code index} action per upsert, a {@code delete} per delete. */
final class OpenSearchDocuments {
  static final String VECTOR = "embedding";

  private OpenSearchDocuments() {}

  static byte[] bulk(String index, List<FeedChange> changes, boolean vectors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(changes.size() * 512);
    for (FeedChange c : changes) {
      switch (c) {
        case FeedChange.Upsert u -> {
          line(out, Map.of("index", Map.of("_index", index, "_id", u.id())));
          line(out, document(u, vectors));
        }
        case FeedChange.Delete d -> line(out, Map.of("delete", Map.of("_index", index, "_id", d.id())));
      }
    }
    return out.toByteArray();
  }

  /** The indexed document: every field a filter or a reader of the hit needs. */
  static Map<String, Object> document(FeedChange.Upsert u, boolean vectors) {
    Map<String, Object> m = new LinkedHashMap<>();
    ChunkFields.put(m, u);
    m.put("source_metadata", u.document().sourceMetadata());
    if (vectors && u.embedding() != null) {
      m.put(VECTOR, u.embedding());
    }
    return m;
  }

  private static void line(ByteArrayOutputStream out, Object json) {
    out.writeBytes(SearchHttp.bytes(json));
    out.write('\n');
  }
}
