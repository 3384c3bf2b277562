-- Metadata the source gives a document (author, modified by, web URL, path; selected row columns), as a JSON object.
ALTER TABLE documents ADD COLUMN source_metadata TEXT;
