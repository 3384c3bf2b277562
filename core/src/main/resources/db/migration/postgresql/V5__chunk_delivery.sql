-- Delivering chunks to retrieval: the change feed, embeddings stored with their chunks, keyword search.
--
-- Change feed. One row per change of a document's set of current chunks (kind: a new version, a deleted
-- document, a deleted document listed again), written in the transaction that makes the change: a
-- version becoming current (version_id: its chunks are upserted) and the chunks leaving
-- (removed_version_no, removed_chunks: the version that was current, or the current version of a
-- document that was deleted). A reader expands a row into chunk upserts and deletes; chunk ids are
-- derived from (document, version number, ordinal), so a version switch costs one small row.
--
-- Commit order. A sequence value is taken at insert, not at commit, so two writers can commit out of
-- order and a reader could skip the lower one. Writers therefore take seq under a SHARED advisory lock
-- held until they commit (they never wait for each other); a reader takes the same lock EXCLUSIVELY for
-- an instant, which waits for the writers in flight, and reads max(seq) as its horizon: every seq at or
-- below it is final. The trigger assigns seq so no insert can bypass the lock.
CREATE SEQUENCE chunk_changes_seq;

CREATE TABLE chunk_changes (
  seq                BIGINT PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('version', 'deleted', 'restored')),
  document_id        BIGINT NOT NULL,
  version_id         BIGINT,
  removed_version_no INTEGER,
  removed_chunks     INTEGER NOT NULL DEFAULT 0,
  created_at         TIMESTAMPTZ NOT NULL
);

CREATE FUNCTION chunk_changes_assign_seq() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(9021505001);
  NEW.seq := nextval('chunk_changes_seq');
  RETURN NEW;
END
$$;

CREATE TRIGGER chunk_changes_seq BEFORE INSERT ON chunk_changes
  FOR EACH ROW EXECUTE FUNCTION chunk_changes_assign_seq();

-- Chunks that were current before this migration: a consumer replaying from the start receives them.
INSERT INTO chunk_changes (kind, document_id, version_id, removed_chunks, created_at)
  SELECT 'restored', id, current_version_id, 0, now() FROM documents
   WHERE current_version_id IS NOT NULL AND status <> 'deleted'
   ORDER BY id;

-- Embeddings: float32 little-endian, stored with the chunk; NULL when embeddings are off. Per version,
-- how many vectors were computed and how many were taken over from an earlier version (same text).
ALTER TABLE chunks ADD COLUMN embedding BYTEA;
-- PostgreSQL expands c.* when a view is created: recreate current_chunks so it carries the new column,
-- as SQLite's view does.
CREATE OR REPLACE VIEW current_chunks AS
  SELECT c.*
  FROM chunks c
  JOIN documents d ON d.current_version_id = c.version_id
  WHERE d.status <> 'deleted';
ALTER TABLE document_versions ADD COLUMN embeddings_computed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE document_versions ADD COLUMN embeddings_reused INTEGER NOT NULL DEFAULT 0;

-- Keyword search: a GIN index over the chunks' English tsvector; queries use the same expression.
CREATE INDEX idx_chunks_fts ON chunks USING GIN (to_tsvector('english', text));
