-- current_chunks carries what a reader of chunks needs about their document (its path in the source, its
-- title and detected language), so readers no longer join documents and document_versions themselves.
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
