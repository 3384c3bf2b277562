package dev.ingestion.connectors.sharepoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading Graph driveItem JSON. */
final class DriveItems {
  private DriveItems() {}

  /** "/drive/root:/Shared Documents/Reports" or "/drives/{id}/root:/Reports" -> "Reports" (decoded, no slashes). */
  static String path(String parentPath) {
    int colon = parentPath.indexOf("root:");
    String rest = colon < 0 ? "" : parentPath.substring(colon + "root:".length());
    return URLDecoder.decode(rest, StandardCharsets.UTF_8).replaceAll("^/+|/+$", "");
  }

  static Map<String, String> metadata(JsonNode item) {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, "name", item.path("name"));
    put(out, "web_url", item.path("webUrl"));
    put(out, "author", item.path("createdBy").path("user").path("displayName"));
    put(out, "modified_by", item.path("lastModifiedBy").path("user").path("displayName"));
    put(out, "created", item.path("createdDateTime"));
    put(out, "modified", item.path("lastModifiedDateTime"));
    put(out, "mime_type", item.path("file").path("mimeType"));
    String parent = path(item.path("parentReference").path("path").asText(""));
    out.put("path", (parent.isEmpty() ? "" : parent + "/") + item.path("name").asText());
    return Map.copyOf(out);
  }

  private static void put(Map<String, String> out, String key, JsonNode value) {
    if (value.isValueNode() && !value.asText().isEmpty()) {
      out.put(key, value.asText());
    }
  }
}
