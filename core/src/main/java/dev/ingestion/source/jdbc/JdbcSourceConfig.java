package dev.ingestion.source.jdbc;

import dev.ingestion.config.ConfigDef;
import dev.ingestion.config.ConfigKey;
import dev.ingestion.config.ConfigMap;
import dev.ingestion.model.ConfigException;
import java.time.Duration;
import java.util.List;
import dev.ingestion.source.SourceKeys;
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
  static final ConfigDef DEF = SourceKeys.define("jdbc", "Rows of a query in another database, one document each.");
  private static final ConfigKey<String> URL = DEF.required("url", "JDBC URL of the database read");
  private static final ConfigKey<String> USER = DEF.string("user", null, "database user");
  private static final ConfigKey<String> PASSWORD = DEF.string("password", null, "database password (${ENV_VAR})");
  private static final ConfigKey<String> QUERY = DEF.required("query", "the SELECT whose rows are the documents");
  private static final ConfigKey<String> ID_COLUMN = DEF.required("id_column", "the column that names each document");
  private static final ConfigKey<String> UPDATED_COLUMN = DEF.string("updated_column", null,
      "a last-changed column: allows incremental listings between full ones");
  private static final ConfigKey<String> TEMPLATE = DEF.required("template",
      "a row's text, e.g. \"{title}\\n\\n{body}\"");
  private static final ConfigKey<List<String>> METADATA_COLUMNS = DEF.strings("metadata_columns", List.of(),
      "columns handed on as metadata");
  private static final ConfigKey<Duration> FULL_SYNC_INTERVAL = DEF.duration("full_sync_interval",
      Duration.ofHours(24), "how often a full listing (the only one that notices deleted rows) runs");
  private static final ConfigKey<Integer> FETCH_SIZE = DEF.integer("fetch_size", 1000, 1, 100_000,
      "rows fetched per round trip");

  public JdbcSourceConfig {
    metadataColumns = List.copyOf(metadataColumns);
  }

  public static JdbcSourceConfig from(ConfigMap map) {
    DEF.rejectUnknown(map);
    String url = URL.read(map);
    if (!url.startsWith("jdbc:")) {
      throw new ConfigException(map.field("url") + ": expected a JDBC URL such as jdbc:postgresql://host:5432/db or"
          + " jdbc:sqlite:/path/file.db, got '" + masked(url) + "'");
    }
    return new JdbcSourceConfig(url, USER.read(map), PASSWORD.read(map), QUERY.read(map),
        identifier(map, ID_COLUMN), identifier(map, UPDATED_COLUMN), TEMPLATE.read(map), METADATA_COLUMNS.read(map),
        FULL_SYNC_INTERVAL.read(map), FETCH_SIZE.read(map));
  }

  private static String identifier(ConfigMap map, ConfigKey<String> key) {
    String value = key.read(map);
    if (value != null && !IDENTIFIER.matcher(value).matches()) {
      throw new ConfigException(map.field(key.name()) + ": expected a plain column name (letters, digits, '_'), got '"
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
