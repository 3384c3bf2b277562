package dev.ingestion.sinks.opensearch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index the sink creates when it is missing: the chunk text as full text, names and types as
 * keywords (for filters), the source's metadata as keywords by default, and with {@code dimensions} set
 * the vector: {@code knn_vector} on OpenSearch (k-NN plugin, cosine), {@code dense_vector} on
 * Elasticsearch.
 */
final class IndexMapping {
  private IndexMapping() {}

  /** Which engine answers: OpenSearch says so in {@code version.distribution}; Elasticsearch does not. */
  enum Engine { OPENSEARCH, ELASTICSEARCH }

  static Map<String, Object> create(Engine engine, int dimensions) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (dimensions > 0 && engine == Engine.OPENSEARCH) {
      body.put("settings", Map.of("index", Map.of("knn", true)));
    }
    body.put("mappings", mappings(engine, dimensions));
    return body;
  }

  private static Map<String, Object> mappings(Engine engine, int dimensions) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("chunk_id", keyword());
    props.put("document_id", Map.of("type", "long"));
    props.put("version", Map.of("type", "integer"));
    props.put("ordinal", Map.of("type", "integer"));
    props.put("text", Map.of("type", "text"));
    props.put("content_hash", keyword());
    props.put("source", keyword());
    props.put("path", keyword());
    props.put("title", Map.of("type", "text", "fields", Map.of("keyword", Map.of("type", "keyword", "ignore_above", 512))));
    props.put("mime_type", keyword());
    props.put("language", keyword());
    props.put("author", keyword());
    props.put("heading_path", Map.of("type", "text", "fields", Map.of("keyword", Map.of("type", "keyword",
        "ignore_above", 512))));
    props.put("page", Map.of("type", "integer"));
    props.put("start_offset", Map.of("type", "integer"));
    props.put("end_offset", Map.of("type", "integer"));
    props.put("kind", keyword());
    props.put("source_metadata", Map.of("type", "object", "dynamic", true));
    if (dimensions > 0) {
      props.put(OpenSearchDocuments.VECTOR, vector(engine, dimensions));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dynamic", "strict");
    m.put("dynamic_templates", List.of(Map.of("source_metadata_strings", Map.of(
        "path_match", "source_metadata.*", "match_mapping_type", "string",
        "mapping", Map.of("type", "keyword", "ignore_above", 1024)))));
    m.put("properties", props);
    return m;
  }

  private static Map<String, Object> vector(Engine engine, int dimensions) {
    if (engine == Engine.OPENSEARCH) {
      return Map.of("type", "knn_vector", "dimension", dimensions, "space_type", "cosinesimil");
    }
    return Map.of("type", "dense_vector", "dims", dimensions, "index", true, "similarity", "cosine");
  }

  private static Map<String, Object> keyword() {
    return Map.of("type", "keyword");
  }
}
