package dev.ingestion.sinks.solr;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ingestion.sinks.http.ChunkFields;
import dev.ingestion.store.FeedChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feed changes as one JSON update request: an {@code add} per upsert and a {@code delete} by id per delete,
 * as repeated keys of one object, which Solr applies in the order written.
 */
final class SolrDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SolrDocuments() {}

  static byte[] update(String idField, List<FeedChange> changes, boolean vectors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(changes.size() * 512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      for (FeedChange c : changes) {
        switch (c) {
          case FeedChange.Upsert u -> {
            g.writeFieldName("add");
            g.writeObject(Map.of("doc", document(idField, u, vectors)));
          }
          case FeedChange.Delete d -> {
            g.writeFieldName("delete");
            g.writeObject(Map.of("id", d.id()));
          }
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a Solr update request", e);
    }
    return out.toByteArray();
  }

  /** The indexed document: the same fields as the OpenSearch sink's, the source's metadata flattened. */
  static Map<String, Object> document(String idField, FeedChange.Upsert u, boolean vectors) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(idField, u.id());
    ChunkFields.put(m, u);
    u.document().sourceMetadata().forEach((k, v) -> m.put(metadataField(k), metadataValue(v)));
    if (vectors && u.embedding() != null) {
      m.put(SolrSchema.VECTOR, u.embedding());
    }
    m.values().removeIf(v -> v == null);
    return m;
  }

  /** {@code source_metadata_<key>}, the key reduced to letters, digits and '_' (Solr's advice for field names). */
  static String metadataField(String key) {
    return SolrSchema.METADATA_PREFIX + key.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /** Strings as they are, lists as several values, anything else (numbers, objects) as its JSON text. */
  private static Object metadataValue(Object v) {
    if (v == null || v instanceof String) {
      return v;
    }
    if (v instanceof Collection<?> list) {
      List<Object> values = new ArrayList<>();
      list.stream().filter(item -> item != null).forEach(item -> values.add(metadataValue(item)));
      return values;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    try {
      return JSON.writeValueAsString(v);
    } catch (IOException e) {
      return String.valueOf(v);
    }
  }
}
