package dev.ingestion.store;

import java.sql.Statement;

/**
 * The scheduled database upkeep statements, per dialect: ANALYZE on both; PRAGMA optimize on SQLite;
 * VACUUM and REINDEX on PostgreSQL (on SQLite VACUUM rewrites the whole file and blocks writers, so it
 * stays a manual step: {@code ingestion db maintain}). Each method returns the statement it ran, or
 * null when it does not apply to this database.
 */
public final class DatabaseUpkeep {
  private final Database db;

  public DatabaseUpkeep(Database db) {
    this.db = db;
  }

  public String analyze() {
    return execute("ANALYZE");
  }

  public String optimize() {
    String sql = db.dialect().optimizeSql();
    return sql == null ? null : execute(sql);
  }

  public String vacuum() {
    String sql = db.dialect().vacuumSql();
    return sql == null ? null : execute(sql);
  }

  /** Rebuilds the indexes of our schema (the runbook's REINDEX DATABASE, limited to what we own). */
  public String reindex() {
    if (!db.dialect().reindexesOnline()) {
      return null;
    }
    String schema = db.withConnection(c -> db.sql(c).queryOne("SELECT current_schema()", rs -> rs.getString(1))
        .orElse("public"));
    // CONCURRENTLY: rebuilt beside the old indexes, so writers are not locked out while it runs.
    return execute("REINDEX SCHEMA CONCURRENTLY \"" + schema.replace("\"", "\"\"") + "\"");
  }

  private String execute(String statement) {
    return db.withConnection(c -> {
      try (Statement st = c.createStatement()) {
        st.execute(statement);
      }
      return statement;
    });
  }
}
