package dev.ingestion.store;

import java.util.List;

/** Heading paths are stored as a JSON array of strings, readable with SQLite's json functions. */
final class HeadingPaths {
  private HeadingPaths() {}

  static String toJson(List<String> path) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      quote(sb, path.get(i));
    }
    return sb.append(']').toString();
  }

  /** A flat JSON object of strings, keys sorted so equal maps store equal text. */
  static String toJsonObject(java.util.Map<String, String> map) {
    if (map.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder("{");
    for (String key : new java.util.TreeSet<>(map.keySet())) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      quote(sb, key);
      sb.append(':');
      quote(sb, map.get(key) == null ? "" : map.get(key));
    }
    return sb.append('}').toString();
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }
}
