package dev.ingestion.store;

import java.util.List;

/** A statement and its parameters, in the order of its placeholders: built together, so they cannot drift. */
public record BoundSql(String sql, List<Object> params) {
  public static BoundSql of(String sql, Object... params) {
    return new BoundSql(sql, java.util.Arrays.asList(params));
  }

  Object[] paramArray() {
    return params.toArray();
  }
}
