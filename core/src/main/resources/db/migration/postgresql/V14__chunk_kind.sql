-- The kind of block a chunk holds (heading, paragraph, list, table, code), for readers that treat a
-- table or a code listing differently from prose. Chunks stored earlier have none (NULL).
ALTER TABLE chunks ADD COLUMN kind TEXT;
-- PostgreSQL expanded c.* when current_chunks was created: recreated so that it shows the new column.
DROP VIEW current_chunks;
CREATE VIEW current_chunks AS
  SELECT c.*,
         d.external_id AS document_path,
         COALESCE(v.title, d.title) AS document_title,
         v.language AS document_language
  FROM chunks c
  JOIN documents d ON d.current_version_id = c.version_id
  JOIN document_versions v ON v.id = c.version_id
  WHERE d.status <> 'deleted';
