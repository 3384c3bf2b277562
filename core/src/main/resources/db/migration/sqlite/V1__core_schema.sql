-- Core schema: sources, documents and their versions and chunks, the job queue, attempts with per-stage
-- timings, the dead-letter queue, worker registry, metric samples and health-check results.
-- Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.SSS' so SQLite's date functions and sorting work on them.

CREATE TABLE sources (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL UNIQUE,
  type          TEXT NOT NULL,
  location      TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  paused_reason TEXT,
  sync_state    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE TABLE sync_runs (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id       INTEGER NOT NULL REFERENCES sources (id),
  trigger_kind    TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  discovered      INTEGER NOT NULL DEFAULT 0,
  new_count       INTEGER NOT NULL DEFAULT 0,
  changed_count   INTEGER NOT NULL DEFAULT 0,
  unchanged_count INTEGER NOT NULL DEFAULT 0,
  deleted_count   INTEGER NOT NULL DEFAULT 0,
  skipped_count   INTEGER NOT NULL DEFAULT 0,
  error           TEXT
);
CREATE INDEX idx_sync_runs_source ON sync_runs (source_id, started_at);

CREATE TABLE documents (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id           INTEGER NOT NULL REFERENCES sources (id),
  external_id         TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN
                        ('pending', 'processing', 'completed', 'failed', 'dead_letter', 'deleted')),
  change_marker       TEXT,
  processed_marker    TEXT,
  size_bytes          INTEGER,
  source_modified_at  TEXT,
  content_hash        TEXT,
  current_version_id  INTEGER,
  version_count       INTEGER NOT NULL DEFAULT 0,
  mime_type           TEXT,
  title               TEXT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  last_error_category TEXT,
  last_error          TEXT,
  processing_ms       INTEGER,
  truncated           INTEGER NOT NULL DEFAULT 0,
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  completed_at        TEXT,
  deleted_at          TEXT,
  UNIQUE (source_id, external_id)
);
CREATE INDEX idx_documents_status ON documents (status);
CREATE INDEX idx_documents_created_at ON documents (created_at);
CREATE INDEX idx_documents_updated_at ON documents (updated_at);

CREATE TABLE document_versions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id     INTEGER NOT NULL REFERENCES documents (id),
  version_no      INTEGER NOT NULL,
  content_hash    TEXT NOT NULL,
  size_bytes      INTEGER NOT NULL,
  mime_type       TEXT,
  title           TEXT,
  author          TEXT,
  page_count      INTEGER,
  language        TEXT,
  doc_created_at  TEXT,
  doc_modified_at TEXT,
  char_count      INTEGER NOT NULL,
  chunk_count     INTEGER NOT NULL,
  truncated       INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  UNIQUE (document_id, version_no)
);
CREATE INDEX idx_document_versions_created_at ON document_versions (created_at);

CREATE TABLE chunks (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id   INTEGER NOT NULL REFERENCES documents (id),
  version_id    INTEGER NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
  ordinal       INTEGER NOT NULL,
  text          TEXT NOT NULL,
  start_offset  INTEGER NOT NULL,
  end_offset    INTEGER NOT NULL,
  heading_path  TEXT NOT NULL DEFAULT '[]',
  page          INTEGER,
  content_hash  TEXT NOT NULL,
  UNIQUE (version_id, ordinal)
);
CREATE INDEX idx_chunks_document ON chunks (document_id);

-- What retrieval sees: the chunks of each live document's current version. A new version replaces the
-- old one in a single transaction (documents.current_version_id), so readers never see a mix.
CREATE VIEW current_chunks AS
  SELECT c.*
  FROM chunks c
  JOIN documents d ON d.current_version_id = c.version_id
  WHERE d.status <> 'deleted';

CREATE TABLE jobs (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id      INTEGER NOT NULL REFERENCES documents (id),
  status           TEXT NOT NULL CHECK (status IN ('queued', 'leased', 'done', 'dead', 'cancelled')),
  reason           TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL,
  run_after        TEXT NOT NULL,
  lease_owner      TEXT,
  lease_expires_at TEXT,
  overrides        TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  finished_at      TEXT
);
CREATE INDEX idx_jobs_queued ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX idx_jobs_leased ON jobs (lease_owner, lease_expires_at) WHERE status = 'leased';
CREATE UNIQUE INDEX idx_jobs_one_active_per_document ON jobs (document_id)
  WHERE status IN ('queued', 'leased');
CREATE INDEX idx_jobs_document ON jobs (document_id);

CREATE TABLE attempts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id      INTEGER NOT NULL,
  document_id INTEGER NOT NULL,
  attempt_no  INTEGER NOT NULL,
  worker_id   TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  duration_ms INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN
                ('completed', 'unchanged', 'retry_scheduled', 'dead_letter', 'abandoned', 'lease_lost')),
  stage       TEXT,
  category    TEXT,
  message     TEXT,
  bytes       INTEGER,
  fetch_ms    INTEGER,
  parse_ms    INTEGER,
  chunk_ms    INTEGER,
  store_ms    INTEGER
);
CREATE INDEX idx_attempts_document ON attempts (document_id);
CREATE INDEX idx_attempts_finished_at ON attempts (finished_at);

CREATE TABLE dead_letters (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id      INTEGER NOT NULL REFERENCES documents (id),
  job_id           INTEGER,
  source_id        INTEGER NOT NULL REFERENCES sources (id),
  source_ref       TEXT NOT NULL,
  stage            TEXT NOT NULL,
  category         TEXT NOT NULL,
  retryable        INTEGER NOT NULL,
  exception_class  TEXT,
  message          TEXT NOT NULL,
  stack_trace      TEXT,
  attempts         INTEGER NOT NULL,
  first_failure_at TEXT NOT NULL,
  last_failure_at  TEXT NOT NULL,
  priority         TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                     ('pending', 'in_review', 'retrying', 'resolved', 'discarded', 'archived')),
  assignee         TEXT,
  notes            TEXT,
  resolution_notes TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  resolved_at      TEXT
);
CREATE INDEX idx_dead_letters_status ON dead_letters (status, created_at);
CREATE INDEX idx_dead_letters_category ON dead_letters (category);
CREATE UNIQUE INDEX idx_dead_letters_one_open_per_document ON dead_letters (document_id)
  WHERE status IN ('pending', 'in_review', 'retrying');

CREATE TABLE workers (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,
  host               TEXT NOT NULL,
  pid                INTEGER NOT NULL,
  process_started_at TEXT,
  concurrency        INTEGER NOT NULL,
  started_at         TEXT NOT NULL,
  heartbeat_at       TEXT NOT NULL,
  stopped_at         TEXT
);

CREATE TABLE metrics (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp TEXT NOT NULL,
  name      TEXT NOT NULL,
  value     REAL NOT NULL,
  labels    TEXT
);
CREATE INDEX idx_metrics_timestamp ON metrics (timestamp);
CREATE INDEX idx_metrics_name_timestamp ON metrics (name, timestamp);

CREATE TABLE health_checks (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  timestamp  TEXT NOT NULL,
  component  TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('healthy', 'degraded', 'unhealthy')),
  latency_ms REAL,
  details    TEXT
);
CREATE INDEX idx_health_checks_timestamp ON health_checks (timestamp);
