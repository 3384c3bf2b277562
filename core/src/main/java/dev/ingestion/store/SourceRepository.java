package dev.ingestion.store;

import java.util.List;
import java.util.Optional;

/** Registered sources: one row per configured or ad-hoc source, with its sync cursor and pause state. */
public final class SourceRepository {
  private final Database db;

  public SourceRepository(Database db) {
    this.db = db;
  }

  public record SourceRow(long id, String name, String type, String location, String status, String pausedReason) {}

  /** Registers the source (or updates its type and location) and returns its id. */
  public long ensure(String name, String type, String location) {
    return db.inTransaction(c -> {
      Sql sql = db.sql(c);
      Optional<Long> id = sql.queryOne("SELECT id FROM sources WHERE name = ?", rs -> rs.getLong(1), name);
      if (id.isPresent()) {
        sql.update("UPDATE sources SET type = ?, location = ?, updated_at = ? WHERE id = ? AND (type <> ? OR location <> ?)",
            type, location, db.now(), id.get(), type, location);
        return id.get();
      }
      sql.update("INSERT INTO sources (name, type, location, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (name) DO NOTHING", name, type, location, db.now(), db.now());
      return sql.queryOne("SELECT id FROM sources WHERE name = ?", rs -> rs.getLong(1), name).orElseThrow();
    });
  }

  public Optional<SourceRow> find(String name) {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT id, name, type, location, status, paused_reason FROM sources WHERE name = ?", SourceRepository::row, name));
  }

  public Optional<SourceRow> find(long id) {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT id, name, type, location, status, paused_reason FROM sources WHERE id = ?", SourceRepository::row, id));
  }

  public List<SourceRow> list() {
    return db.withConnection(c -> db.sql(c).query(
        "SELECT id, name, type, location, status, paused_reason FROM sources ORDER BY name", SourceRepository::row));
  }

  /** Pauses the source and parks its queued jobs (see {@link SourcePauses}). True if it was active. */
  public boolean pause(long sourceId, String reason) {
    return new SourcePauses(db).pause(sourceId, reason);
  }

  public Optional<String> syncState(long sourceId) {
    return db.withConnection(c -> db.sql(c).queryOne(
        "SELECT sync_state FROM sources WHERE id = ? AND sync_state IS NOT NULL", rs -> rs.getString(1), sourceId));
  }

  public void saveSyncState(long sourceId, String state) {
    db.withConnection(c -> db.sql(c).update(
        "UPDATE sources SET sync_state = ?, updated_at = ? WHERE id = ?", state, db.now(), sourceId));
  }

  private static SourceRow row(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new SourceRow(rs.getLong("id"), rs.getString("name"), rs.getString("type"), rs.getString("location"),
        rs.getString("status"), rs.getString("paused_reason"));
  }
}
