package dev.ingestion.source.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One row as a document: its id, rendered text, metadata and change marker (updated value + content hash). */
record Row(String id, Object updated, String text, Map<String, String> metadata, String marker) {

  static Row of(Map<String, String> values, Object updated, JdbcSourceConfig config, RowTemplate template) {
    String id = values.get(config.idColumn().toLowerCase(Locale.ROOT));
    String text = template.render(values);
    Map<String, String> metadata = new LinkedHashMap<>();
    for (String column : config.metadataColumns()) {
      String value = values.get(column.toLowerCase(Locale.ROOT));
      if (value != null) {
        metadata.put(column, value);
      }
    }
    String updatedText = updated == null ? "" : Watermark.of(updated, java.time.Instant.EPOCH).value();
    return new Row(id, updated, text, Map.copyOf(metadata), updatedText + "/" + hash(text, metadata));
  }

  private static String hash(String text, Map<String, String> metadata) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(text.getBytes(StandardCharsets.UTF_8));
      metadata.forEach((k, v) -> digest.update(("\u0000" + k + "=" + v).getBytes(StandardCharsets.UTF_8)));
      return HexFormat.of().formatHex(digest.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
