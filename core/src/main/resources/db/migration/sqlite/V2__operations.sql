-- Operations: alerts, maintained counters for the operations API, and indexes its queries need.
--
-- Counters. Counting a million documents by status takes SQLite 60 ms and summing their sizes 120 ms,
-- too slow for endpoints polled by dashboards. Triggers append one row per change to stat_deltas
-- (inserts only, so concurrent writers never wait on a shared counter row); a compactor folds the
-- deltas into stat_totals every few seconds, and a reader adds both. A delta row is compact (kind, dim,
-- a, b); StatsRepository expands it into the counters it changes:
--   doc+ status|day a=size    doc- status a=size    doc~ old>new a=size change
--   job+ status               job- status           job~ old>new
--   ver+ day a=chunks b=size  ver- a=chunks b=size
--   att  outcome|hour a=bytes
-- Counters in stat_totals (name, dim):
--   documents (status), document_bytes (''), jobs (status), versions / version_bytes / chunks (''),
--   growth.documents / growth.versions / growth.chunks / growth.bytes (UTC day 'YYYY-MM-DD'),
--   attempts.<outcome> / attempt_bytes.<outcome> (UTC hour 'YYYY-MM-DD HH'; a window of days is read
--   from whole hours plus its two partial edges).

CREATE TABLE stat_totals (
  name  TEXT NOT NULL,
  dim   TEXT NOT NULL,
  value INTEGER NOT NULL,
  PRIMARY KEY (name, dim)
);

-- No AUTOINCREMENT: ids of folded deltas may be reused, and each insert skips an sqlite_sequence write.
CREATE TABLE stat_deltas (
  id   INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  dim  TEXT NOT NULL,
  a    INTEGER NOT NULL DEFAULT 0,
  b    INTEGER NOT NULL DEFAULT 0
);

INSERT INTO stat_totals (name, dim, value)
  SELECT 'documents', status, count(*) FROM documents GROUP BY status;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'document_bytes', '', coalesce(sum(size_bytes), 0) FROM documents;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'jobs', status, count(*) FROM jobs GROUP BY status;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'versions', '', count(*) FROM document_versions;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'version_bytes', '', coalesce(sum(size_bytes), 0) FROM document_versions;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'chunks', '', coalesce(sum(chunk_count), 0) FROM document_versions;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.documents', substr(created_at, 1, 10), count(*) FROM documents GROUP BY substr(created_at, 1, 10);
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.versions', substr(created_at, 1, 10), count(*) FROM document_versions GROUP BY substr(created_at, 1, 10);
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.chunks', substr(created_at, 1, 10), sum(chunk_count) FROM document_versions GROUP BY substr(created_at, 1, 10);
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.bytes', substr(created_at, 1, 10), sum(size_bytes) FROM document_versions GROUP BY substr(created_at, 1, 10);

INSERT INTO stat_totals (name, dim, value)
  SELECT 'attempts.' || outcome, substr(finished_at, 1, 13), count(*) FROM attempts GROUP BY 1, 2;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'attempt_bytes.' || outcome, substr(finished_at, 1, 13), coalesce(sum(bytes), 0) FROM attempts GROUP BY 1, 2;

CREATE TRIGGER stat_attempts_insert AFTER INSERT ON attempts BEGIN
  INSERT INTO stat_deltas (kind, dim, a) VALUES ('att', NEW.outcome || '|' || substr(NEW.finished_at, 1, 13),
    coalesce(NEW.bytes, 0));
END;

CREATE TRIGGER stat_documents_insert AFTER INSERT ON documents BEGIN
  INSERT INTO stat_deltas (kind, dim, a) VALUES ('doc+', NEW.status || '|' || substr(NEW.created_at, 1, 10),
    coalesce(NEW.size_bytes, 0));
END;

CREATE TRIGGER stat_documents_update AFTER UPDATE OF status, size_bytes ON documents
  WHEN OLD.status IS NOT NEW.status OR OLD.size_bytes IS NOT NEW.size_bytes
BEGIN
  INSERT INTO stat_deltas (kind, dim, a) VALUES ('doc~', OLD.status || '>' || NEW.status,
    coalesce(NEW.size_bytes, 0) - coalesce(OLD.size_bytes, 0));
END;

CREATE TRIGGER stat_documents_delete AFTER DELETE ON documents BEGIN
  INSERT INTO stat_deltas (kind, dim, a) VALUES ('doc-', OLD.status, coalesce(OLD.size_bytes, 0));
END;

CREATE TRIGGER stat_jobs_insert AFTER INSERT ON jobs BEGIN
  INSERT INTO stat_deltas (kind, dim) VALUES ('job+', NEW.status);
END;

CREATE TRIGGER stat_jobs_update AFTER UPDATE OF status ON jobs WHEN OLD.status IS NOT NEW.status BEGIN
  INSERT INTO stat_deltas (kind, dim) VALUES ('job~', OLD.status || '>' || NEW.status);
END;

CREATE TRIGGER stat_jobs_delete AFTER DELETE ON jobs BEGIN
  INSERT INTO stat_deltas (kind, dim) VALUES ('job-', OLD.status);
END;

CREATE TRIGGER stat_versions_insert AFTER INSERT ON document_versions BEGIN
  INSERT INTO stat_deltas (kind, dim, a, b) VALUES ('ver+', substr(NEW.created_at, 1, 10), NEW.chunk_count,
    NEW.size_bytes);
END;

CREATE TRIGGER stat_versions_delete AFTER DELETE ON document_versions BEGIN
  INSERT INTO stat_deltas (kind, dim, a, b) VALUES ('ver-', '', OLD.chunk_count, OLD.size_bytes);
END;

-- Alerts: one open alert (active or acknowledged) per rule and key; resolved ones stay as history.
CREATE TABLE alerts (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  rule             TEXT NOT NULL,
  alert_key        TEXT NOT NULL,
  severity         TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  status           TEXT NOT NULL CHECK (status IN ('active', 'acknowledged', 'resolved')),
  message          TEXT NOT NULL,
  value            REAL,
  threshold        REAL,
  first_seen_at    TEXT NOT NULL,
  last_seen_at     TEXT NOT NULL,
  acknowledged_by  TEXT,
  acknowledged_at  TEXT,
  ack_notes        TEXT,
  resolved_at      TEXT,
  resolved_by      TEXT,
  resolution_notes TEXT,
  notified_at      TEXT
);
CREATE UNIQUE INDEX idx_alerts_one_open_per_key ON alerts (rule, alert_key) WHERE status IN ('active', 'acknowledged');
CREATE INDEX idx_alerts_status ON alerts (status, first_seen_at);

-- Dead-letter queue: stats group open items by priority, category and source; aging and pending lists
-- walk (status, priority, created_at); cleanup finds closed items by when they were closed.
CREATE INDEX idx_dead_letters_status_priority ON dead_letters (status, priority, created_at);
CREATE INDEX idx_dead_letters_status_category ON dead_letters (status, category);
CREATE INDEX idx_dead_letters_status_source ON dead_letters (status, source_id);
CREATE INDEX idx_dead_letters_status_resolved ON dead_letters (status, resolved_at);
CREATE INDEX idx_dead_letters_assignee ON dead_letters (status, assignee, created_at);

-- Documents: the slowest ones, and failed or stuck ones by recency.
CREATE INDEX idx_documents_processing_ms ON documents (processing_ms);
CREATE INDEX idx_documents_status_updated ON documents (status, updated_at);

-- Attempts: error rate by window, processing times of completed attempts, error categories.
CREATE INDEX idx_attempts_finished_outcome ON attempts (finished_at, outcome);
-- Covering: percentiles read the newest completed attempts' timings from the index alone (3 ms instead
-- of 90 ms for 10,000 attempts out of a million).
CREATE INDEX idx_attempts_timings ON attempts (outcome, finished_at, duration_ms, fetch_ms, parse_ms, chunk_ms, store_ms);
CREATE INDEX idx_attempts_errors ON attempts (finished_at, category) WHERE category IS NOT NULL;

CREATE INDEX idx_health_checks_component ON health_checks (component, timestamp);
