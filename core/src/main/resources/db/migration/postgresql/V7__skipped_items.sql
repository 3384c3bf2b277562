-- Items a source listed but did not hand over for processing (not a regular file, a link out of the
-- source folder, unreadable ...), with the reason, so the reconciliation report can account for every
-- item discovered. A full listing replaces a source's rows; an incremental one adds to them.
CREATE TABLE skipped_items (
  source_id   BIGINT NOT NULL REFERENCES sources (id),
  external_id TEXT NOT NULL,
  reason      TEXT NOT NULL,
  seen_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source_id, external_id)
);
