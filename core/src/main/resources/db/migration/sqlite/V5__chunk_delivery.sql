-- Delivering chunks to retrieval: the change feed, embeddings stored with their chunks, keyword search.
--
-- Change feed. One row per change of a document's set of current chunks (kind: a new version, a deleted
-- document, a deleted document listed again), written in the transaction that makes the change: a
-- version becoming current (version_id: its chunks are upserted) and the chunks leaving
-- (removed_version_no, removed_chunks: the version that was current, or the current version of a
-- document that was deleted). A reader expands a row into chunk upserts and deletes; chunk ids are
-- derived from (document, version number, ordinal), so a row never lists them and a version switch costs
-- one small row however many chunks it has. seq is the commit order: SQLite has one writer at a time.
-- No AUTOINCREMENT: rows are never deleted, so rowids only grow, and each insert skips an
-- sqlite_sequence write.
CREATE TABLE chunk_changes (
  seq                INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('version', 'deleted', 'restored')),
  document_id        INTEGER NOT NULL,
  version_id         INTEGER,
  removed_version_no INTEGER,
  removed_chunks     INTEGER NOT NULL DEFAULT 0,
  created_at         TEXT NOT NULL
);

-- Chunks that were current before this migration: a consumer replaying from the start receives them.
INSERT INTO chunk_changes (kind, document_id, version_id, removed_chunks, created_at)
  SELECT 'restored', id, current_version_id, 0, strftime('%Y-%m-%d %H:%M:%f', 'now') FROM documents
   WHERE current_version_id IS NOT NULL AND status <> 'deleted'
   ORDER BY id;

-- Embeddings: float32 little-endian, stored with the chunk; NULL when embeddings are off. Per version,
-- how many vectors were computed and how many were taken over from an earlier version (same text).
ALTER TABLE chunks ADD COLUMN embedding BLOB;
ALTER TABLE document_versions ADD COLUMN embeddings_computed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE document_versions ADD COLUMN embeddings_reused INTEGER NOT NULL DEFAULT 0;

-- Keyword search: an external-content FTS5 index over chunks.text (the text is stored once, in chunks),
-- kept by triggers. Chunks are immutable: inserted with their version, deleted with it.
CREATE VIRTUAL TABLE chunks_fts USING fts5(
  text, content = 'chunks', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO chunks_fts (chunks_fts) VALUES ('rebuild');

CREATE TRIGGER chunks_fts_insert AFTER INSERT ON chunks BEGIN
  INSERT INTO chunks_fts (rowid, text) VALUES (NEW.id, NEW.text);
END;

CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
  INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
END;
