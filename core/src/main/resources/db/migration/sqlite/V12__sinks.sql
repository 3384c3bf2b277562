-- Sinks: each configured sink follows the chunk change feed from its own cursor and writes the changes
-- to its target (a search engine). The cursor moves only after the target acknowledged a batch, in the
-- same row as the sink's totals; last_error says why the target is not being written when it is down.
CREATE TABLE sink_state (
  name             TEXT PRIMARY KEY,
  feed_cursor      TEXT NOT NULL,
  applied_changes  INTEGER NOT NULL DEFAULT 0,
  rejected_changes INTEGER NOT NULL DEFAULT 0,
  resyncs          INTEGER NOT NULL DEFAULT 0,
  last_resync_reason TEXT,
  last_success_at  TEXT,
  last_error       TEXT,
  last_error_at    TEXT,
  updated_at       TEXT NOT NULL
);

-- Chunks a target refused (a mapping conflict, a document too large ...), with the target's reason. The
-- sink moves on: one bad chunk never blocks the rest.
CREATE TABLE sink_rejections (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  sink        TEXT NOT NULL,
  chunk_id    TEXT NOT NULL,
  feed_cursor TEXT NOT NULL,
  reason      TEXT NOT NULL,
  rejected_at TEXT NOT NULL
);
CREATE INDEX idx_sink_rejections_sink ON sink_rejections (sink, id);
