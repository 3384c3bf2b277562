package dev.ingestion.sinks.solr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields the sink writes, and the Schema API commands that add those a core lacks. The sink brings
 * its own field types ({@code ingestion_*}) so it does not depend on the core's config set: the text as
 * full text (standard tokenizer, lower case), names and types as strings (filters, facets), numbers as
 * point fields, the source's metadata as {@code source_metadata_<key>} strings, and with dimensions the
 * vector as a {@code DenseVectorField} (cosine). A field or type the core already has is used as it is.
 */
final class SolrSchema {
  static final String VECTOR = "embedding";
  static final String METADATA_PREFIX = "source_metadata_";
  static final String MARK_SEQ = "ingestion_mark_seq";
  static final String MARK_STAMP = "ingestion_mark_stamp";
  private static final String STRING = "ingestion_string";
  private static final String TEXT = "ingestion_text";
  private static final String INT = "ingestion_int";
  private static final String LONG = "ingestion_long";

  private SolrSchema() {}

  /** What the core must gain: {@code add-field-type}, {@code add-field}, {@code add-dynamic-field}; empty when nothing. */
  static Map<String, Object> missing(JsonNode schema, int dimensions) {
    Map<String, Object> commands = new LinkedHashMap<>();
    List<Map<String, Object>> types = absent(schema.path("fieldTypes"), fieldTypes(dimensions));
    List<Map<String, Object>> fields = absent(schema.path("fields"), fields(dimensions));
    List<Map<String, Object>> dynamic = absent(schema.path("dynamicFields"), List.of(field(METADATA_PREFIX + "*",
        STRING, true)));
    put(commands, "add-field-type", types);
    put(commands, "add-field", fields);
    put(commands, "add-dynamic-field", dynamic);
    return commands;
  }

  static String vectorType(int dimensions) {
    return "ingestion_vector_" + dimensions;
  }

  private static List<Map<String, Object>> fieldTypes(int dimensions) {
    List<Map<String, Object>> types = new ArrayList<>();
    types.add(Map.of("name", STRING, "class", "solr.StrField", "docValues", true, "sortMissingLast", true));
    types.add(Map.of("name", TEXT, "class", "solr.TextField", "positionIncrementGap", "100", "analyzer", Map.of(
        "tokenizer", Map.of("class", "solr.StandardTokenizerFactory"),
        "filters", List.of(Map.of("class", "solr.LowerCaseFilterFactory")))));
    types.add(Map.of("name", INT, "class", "solr.IntPointField", "docValues", true));
    types.add(Map.of("name", LONG, "class", "solr.LongPointField", "docValues", true));
    if (dimensions > 0) {
      types.add(Map.of("name", vectorType(dimensions), "class", "solr.DenseVectorField", "vectorDimension", dimensions,
          "similarityFunction", "cosine"));
    }
    return types;
  }

  private static List<Map<String, Object>> fields(int dimensions) {
    List<Map<String, Object>> f = new ArrayList<>();
    f.add(field("chunk_id", STRING, false));
    f.add(field("document_id", LONG, false));
    f.add(field("version", INT, false));
    f.add(field("ordinal", INT, false));
    f.add(field("text", TEXT, false));
    f.add(field("content_hash", STRING, false));
    for (String name : List.of("source", "path", "mime_type", "language", "author", "kind")) {
      f.add(field(name, STRING, false));
    }
    f.add(field("title", TEXT, false));
    f.add(field("heading_path", TEXT, true));
    for (String name : List.of("page", "start_offset", "end_offset")) {
      f.add(field(name, INT, false));
    }
    f.add(field(MARK_SEQ, LONG, false));
    f.add(field(MARK_STAMP, STRING, false));
    if (dimensions > 0) {
      f.add(field(VECTOR, vectorType(dimensions), false));
    }
    return f;
  }

  private static Map<String, Object> field(String name, String type, boolean multiValued) {
    return Map.of("name", name, "type", type, "indexed", true, "stored", true, "multiValued", multiValued);
  }

  private static List<Map<String, Object>> absent(JsonNode existing, List<Map<String, Object>> wanted) {
    Set<String> names = new HashSet<>();
    existing.forEach(n -> names.add(n.path("name").asText()));
    return wanted.stream().filter(w -> !names.contains((String) w.get("name"))).toList();
  }

  private static void put(Map<String, Object> commands, String command, List<Map<String, Object>> items) {
    if (!items.isEmpty()) {
      commands.put(command, items);
    }
  }
}
