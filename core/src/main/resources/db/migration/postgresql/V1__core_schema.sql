-- Core schema, PostgreSQL flavour of sqlite/V1__core_schema.sql (same tables, columns and indexes).

CREATE TABLE sources (
  id            BIGSERIAL PRIMARY KEY,
  name          TEXT NOT NULL UNIQUE,
  type          TEXT NOT NULL,
  location      TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  paused_reason TEXT,
  sync_state    TEXT,
  created_at    TIMESTAMPTZ NOT NULL,
  updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE sync_runs (
  id              BIGSERIAL PRIMARY KEY,
  source_id       BIGINT NOT NULL REFERENCES sources (id),
  trigger_kind    TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  started_at      TIMESTAMPTZ NOT NULL,
  finished_at     TIMESTAMPTZ,
  discovered      BIGINT NOT NULL DEFAULT 0,
  new_count       BIGINT NOT NULL DEFAULT 0,
  changed_count   BIGINT NOT NULL DEFAULT 0,
  unchanged_count BIGINT NOT NULL DEFAULT 0,
  deleted_count   BIGINT NOT NULL DEFAULT 0,
  skipped_count   BIGINT NOT NULL DEFAULT 0,
  error           TEXT
);
CREATE INDEX idx_sync_runs_source ON sync_runs (source_id, started_at);

CREATE TABLE documents (
  id                  BIGSERIAL PRIMARY KEY,
  source_id           BIGINT NOT NULL REFERENCES sources (id),
  external_id         TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN
                        ('pending', 'processing', 'completed', 'failed', 'dead_letter', 'deleted')),
  change_marker       TEXT,
  processed_marker    TEXT,
  size_bytes          BIGINT,
  source_modified_at  TIMESTAMPTZ,
  content_hash        TEXT,
  current_version_id  BIGINT,
  version_count       INTEGER NOT NULL DEFAULT 0,
  mime_type           TEXT,
  title               TEXT,
  attempts            INTEGER NOT NULL DEFAULT 0,
  last_error_category TEXT,
  last_error          TEXT,
  processing_ms       BIGINT,
  truncated           BOOLEAN NOT NULL DEFAULT FALSE,
  created_at          TIMESTAMPTZ NOT NULL,
  updated_at          TIMESTAMPTZ NOT NULL,
  completed_at        TIMESTAMPTZ,
  deleted_at          TIMESTAMPTZ,
  UNIQUE (source_id, external_id)
);
CREATE INDEX idx_documents_status ON documents (status);
CREATE INDEX idx_documents_created_at ON documents (created_at);
CREATE INDEX idx_documents_updated_at ON documents (updated_at);

CREATE TABLE document_versions (
  id              BIGSERIAL PRIMARY KEY,
  document_id     BIGINT NOT NULL REFERENCES documents (id),
  version_no      INTEGER NOT NULL,
  content_hash    TEXT NOT NULL,
  size_bytes      BIGINT NOT NULL,
  mime_type       TEXT,
  title           TEXT,
  author          TEXT,
  page_count      INTEGER,
  language        TEXT,
  doc_created_at  TIMESTAMPTZ,
  doc_modified_at TIMESTAMPTZ,
  char_count      BIGINT NOT NULL,
  chunk_count     INTEGER NOT NULL,
  truncated       BOOLEAN NOT NULL DEFAULT FALSE,
  created_at      TIMESTAMPTZ NOT NULL,
  UNIQUE (document_id, version_no)
);
CREATE INDEX idx_document_versions_created_at ON document_versions (created_at);

CREATE TABLE chunks (
  id            BIGSERIAL PRIMARY KEY,
  document_id   BIGINT NOT NULL REFERENCES documents (id),
  version_id    BIGINT NOT NULL REFERENCES document_versions (id) ON DELETE CASCADE,
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

CREATE VIEW current_chunks AS
  SELECT c.*
  FROM chunks c
  JOIN documents d ON d.current_version_id = c.version_id
  WHERE d.status <> 'deleted';

CREATE TABLE jobs (
  id               BIGSERIAL PRIMARY KEY,
  document_id      BIGINT NOT NULL REFERENCES documents (id),
  status           TEXT NOT NULL CHECK (status IN ('queued', 'leased', 'done', 'dead', 'cancelled')),
  reason           TEXT NOT NULL,
  attempts         INTEGER NOT NULL DEFAULT 0,
  max_attempts     INTEGER NOT NULL,
  run_after        TIMESTAMPTZ NOT NULL,
  lease_owner      TEXT,
  lease_expires_at TIMESTAMPTZ,
  overrides        TEXT,
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  finished_at      TIMESTAMPTZ
);
CREATE INDEX idx_jobs_queued ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX idx_jobs_leased ON jobs (lease_owner, lease_expires_at) WHERE status = 'leased';
CREATE UNIQUE INDEX idx_jobs_one_active_per_document ON jobs (document_id)
  WHERE status IN ('queued', 'leased');
CREATE INDEX idx_jobs_document ON jobs (document_id);

CREATE TABLE attempts (
  id          BIGSERIAL PRIMARY KEY,
  job_id      BIGINT NOT NULL,
  document_id BIGINT NOT NULL,
  attempt_no  INTEGER NOT NULL,
  worker_id   TEXT NOT NULL,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  duration_ms BIGINT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN
                ('completed', 'unchanged', 'retry_scheduled', 'dead_letter', 'abandoned', 'lease_lost')),
  stage       TEXT,
  category    TEXT,
  message     TEXT,
  bytes       BIGINT,
  fetch_ms    BIGINT,
  parse_ms    BIGINT,
  chunk_ms    BIGINT,
  store_ms    BIGINT
);
CREATE INDEX idx_attempts_document ON attempts (document_id);
CREATE INDEX idx_attempts_finished_at ON attempts (finished_at);

CREATE TABLE dead_letters (
  id               BIGSERIAL PRIMARY KEY,
  document_id      BIGINT NOT NULL REFERENCES documents (id),
  job_id           BIGINT,
  source_id        BIGINT NOT NULL REFERENCES sources (id),
  source_ref       TEXT NOT NULL,
  stage            TEXT NOT NULL,
  category         TEXT NOT NULL,
  retryable        BOOLEAN NOT NULL,
  exception_class  TEXT,
  message          TEXT NOT NULL,
  stack_trace      TEXT,
  attempts         INTEGER NOT NULL,
  first_failure_at TIMESTAMPTZ NOT NULL,
  last_failure_at  TIMESTAMPTZ NOT NULL,
  priority         TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('critical', 'high', 'medium', 'low')),
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                     ('pending', 'in_review', 'retrying', 'resolved', 'discarded', 'archived')),
  assignee         TEXT,
  notes            TEXT,
  resolution_notes TEXT,
  created_at       TIMESTAMPTZ NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  resolved_at      TIMESTAMPTZ
);
CREATE INDEX idx_dead_letters_status ON dead_letters (status, created_at);
CREATE INDEX idx_dead_letters_category ON dead_letters (category);
CREATE UNIQUE INDEX idx_dead_letters_one_open_per_document ON dead_letters (document_id)
  WHERE status IN ('pending', 'in_review', 'retrying');

CREATE TABLE workers (
  id                 TEXT PRIMARY KEY,
  kind               TEXT NOT NULL,
  host               TEXT NOT NULL,
  pid                BIGINT NOT NULL,
  process_started_at TIMESTAMPTZ,
  concurrency        INTEGER NOT NULL,
  started_at         TIMESTAMPTZ NOT NULL,
  heartbeat_at       TIMESTAMPTZ NOT NULL,
  stopped_at         TIMESTAMPTZ
);

CREATE TABLE metrics (
  id        BIGSERIAL PRIMARY KEY,
  timestamp TIMESTAMPTZ NOT NULL,
  name      TEXT NOT NULL,
  value     DOUBLE PRECISION NOT NULL,
  labels    TEXT
);
CREATE INDEX idx_metrics_timestamp ON metrics (timestamp);
CREATE INDEX idx_metrics_name_timestamp ON metrics (name, timestamp);

CREATE TABLE health_checks (
  id         BIGSERIAL PRIMARY KEY,
  timestamp  TIMESTAMPTZ NOT NULL,
  component  TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('healthy', 'degraded', 'unhealthy')),
  latency_ms DOUBLE PRECISION,
  details    TEXT
);
CREATE INDEX idx_health_checks_timestamp ON health_checks (timestamp);
