package dev.ingestion.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the OpenAPI 3.1 document from the route table, so it lists exactly what is served. */
public final class OpenApi {
  private OpenApi() {}

  public static Map<String, Object> document(List<EndpointSpec> specs, String version) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", Map.of("title", "ingestion operations API", "version", version,
        "description", "Health, statistics, metrics, documents, dead-letter queue, alerts, source checks,"
            + " maintenance and reports. Every error is JSON {\"error\", \"message\"}."));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (EndpointSpec spec : specs) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(spec.path(), p -> new LinkedHashMap<>());
      item.put(spec.method().toLowerCase(java.util.Locale.ROOT), operation(spec));
    }
    doc.put("paths", paths);
    doc.put("components", Map.of("securitySchemes", Map.of("bearerKey", Map.of("type", "http", "scheme", "bearer",
        "description", "An API key (ingk_...) in 'Authorization: Bearer KEY'")), "schemas", Map.of("Error", Map.of("type", "object", "required", List.of("error", "message"),
        "properties", Map.of("error", Map.of("type", "string", "description", "machine-readable code"),
            "message", Map.of("type", "string", "description", "what went wrong and how to fix it"))))));
    return doc;
  }

  private static Map<String, Object> operation(EndpointSpec spec) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("summary", spec.summary());
    op.put("tags", List.of(spec.tag()));
    op.put("x-required-role", spec.isAnonymous() ? "none" : spec.role().dbValue());
    if (!spec.isAnonymous()) {
      op.put("security", List.of(Map.of("bearerKey", List.of())));
    }
    op.put("operationId", spec.method().toLowerCase(java.util.Locale.ROOT) + spec.path().replaceAll("[^A-Za-z0-9]+", "_"));
    List<Object> params = new ArrayList<>();
    for (String p : spec.pathParams()) {
      boolean numeric = p.equals("id") || p.endsWith("_id");
      params.add(Map.of("name", p, "in", "path", "required", true,
          "schema", Map.of("type", numeric ? "integer" : "string", "minimum", numeric ? 1 : 0)));
    }
    for (EndpointSpec.Param q : spec.query()) {
      params.add(Map.of("name", q.name(), "in", "query", "required", false, "description", q.description(),
          "schema", Map.of("type", q.type())));
    }
    op.put("parameters", params);
    if (!spec.bodyFields().isEmpty()) {
      Map<String, Object> props = new LinkedHashMap<>();
      spec.bodyFields().forEach(f -> props.put(f.name(), Map.of("type", f.type(), "description", f.description())));
      op.put("requestBody", Map.of("required", spec.bodyRequired(), "content", Map.of("application/json",
          Map.of("schema", Map.of("type", "object", "additionalProperties", false, "properties", props)))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    for (int status : spec.statuses()) {
      responses.put(String.valueOf(status), Map.of("description", status == 202 ? "Accepted" : status == 503
          ? "Unhealthy" : "OK", "content", Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
    }
    Map<String, Object> error = Map.of("content", Map.of("application/json",
        Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
    responses.put("400", withDescription(error, "Invalid parameter or body; the message says what to fix"));
    if (!spec.pathParams().isEmpty()) {
      responses.put("404", withDescription(error, "No such item"));
    }
    if (spec.method().equals("POST")) {
      responses.put("409", withDescription(error, "The item's state does not allow this"));
    }
    responses.put("503", withDescription(error, "The database is unavailable"));
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> withDescription(Map<String, Object> base, String description) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    out.put("description", description);
    return out;
  }
}
