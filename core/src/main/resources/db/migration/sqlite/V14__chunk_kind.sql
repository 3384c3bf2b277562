-- The kind of block a chunk holds (heading, paragraph, list, table, code), for readers that treat a
-- table or a code listing differently from prose. Chunks stored earlier have none (NULL).
ALTER TABLE chunks ADD COLUMN kind TEXT;
