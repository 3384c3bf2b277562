package dev.ingestion.model;

import java.util.Locale;

/** Where in the pipeline something happened. */
public enum Stage {
  DISCOVER,
  FETCH,
  HASH,
  PARSE,
  CHUNK,
  EMBED,
  STORE;

  public String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Stage fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
