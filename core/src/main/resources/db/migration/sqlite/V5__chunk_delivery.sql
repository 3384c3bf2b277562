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

-- Keyword search: a contentless FTS5 index over chunks.text (the text is stored once, in chunks). It is
-- NOT kept by an insert trigger: tokenising every chunk inside the completion transaction doubled its
-- time under SQLite's single writer (bench/run-delivery-write.sh). Chunks are appended to the index in
-- batches before a search reads it (SearchIndex.catchUp), in id order: chunk ids only grow (AUTOINCREMENT),
-- so fts_progress.indexed_chunk_id says exactly what is in. Deleted chunks leave it by trigger
-- (contentless_delete: by rowid, a no-op for a chunk not indexed yet).
CREATE VIRTUAL TABLE chunks_fts USING fts5(
  text, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TABLE fts_progress (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  indexed_chunk_id INTEGER NOT NULL
);
INSERT INTO fts_progress (id, indexed_chunk_id) VALUES (1, 0);

CREATE TRIGGER chunks_fts_delete AFTER DELETE ON chunks BEGIN
  DELETE FROM chunks_fts WHERE rowid = OLD.id;
END;
