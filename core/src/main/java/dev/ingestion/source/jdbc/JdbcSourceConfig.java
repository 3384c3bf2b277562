package dev.ingestion.source.jdbc;

import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rows of a query as documents. {@code idColumn} names each document; {@code updatedColumn} (optional)
 * allows incremental listings between full ones, which run every {@code fullSyncInterval} and are the
 * only listings that notice deleted rows. {@code template} renders a row's text, e.g. {@code
 * "{title}\n\n{body}"}; {@code metadataColumns} are handed on as metadata.
 */
public record JdbcSourceConfig(
    String url,
    String user,
    String password,
    String query,
    String idColumn,
    String updatedColumn,
    String template,
    List<String> metadataColumns,
    Duration fullSyncInterval,
    int fetchSize) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Set<String> KEYS = Set.of("name", "type", "schedule", "url", "user", "password", "query", "id_column",
      "updated_column", "template", "metadata_columns", "full_sync_interval", "fetch_size");

  public JdbcSourceConfig {
    metadataColumns = List.copyOf(metadataColumns);
  }

  public static JdbcSourceConfig from(ConfigMap map) {
    map.rejectUnknown(KEYS);
    String url = map.requiredString("url");
    if (!url.startsWith("jdbc:")) {
      throw new ConfigException(map.field("url") + ": expected a JDBC URL such as jdbc:postgresql://host:5432/db or"
          + " jdbc:sqlite:/path/file.db, got '" + masked(url) + "'");
    }
    return new JdbcSourceConfig(url, map.string("user", null), map.string("password", null),
        map.requiredString("query"), identifier(map, "id_column", true), identifier(map, "updated_column", false),
        map.requiredString("template"), map.strings("metadata_columns", List.of()),
        map.duration("full_sync_interval", Duration.ofHours(24)), map.integer("fetch_size", 1000, 1, 100_000));
  }

  private static String identifier(ConfigMap map, String key, boolean required) {
    String value = required ? map.requiredString(key) : map.string(key, null);
    if (value != null && !IDENTIFIER.matcher(value).matches()) {
      throw new ConfigException(map.field(key) + ": expected a plain column name (letters, digits, '_'), got '"
          + value + "'; alias the column in the query if it needs quoting");
    }
    return value;
  }

  /** The URL with any password parameter or user-info masked. */
  public static String masked(String url) {
    return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=****").replaceAll("//[^/@]*:[^/@]*@", "//****@");
  }

  @Override
  public String toString() {
    return "JdbcSourceConfig[url=" + masked(url) + ", user=" + user + ", password=" + (password == null ? null : "****")
        + ", query=" + query + ", idColumn=" + idColumn + ", updatedColumn=" + updatedColumn + ", template=" + template
        + ", metadataColumns=" + metadataColumns + ", fullSyncInterval=" + fullSyncInterval + ", fetchSize="
        + fetchSize + "]";
  }
}
