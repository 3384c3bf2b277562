-- Operations, PostgreSQL flavour of sqlite/V2__operations.sql: alerts, maintained counters for the
-- operations API (see the SQLite file for why and how, and the delta row kinds), and indexes.

CREATE TABLE stat_totals (
  name  TEXT NOT NULL,
  dim   TEXT NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (name, dim)
);

CREATE TABLE stat_deltas (
  id   BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  dim  TEXT NOT NULL,
  a    BIGINT NOT NULL DEFAULT 0,
  b    BIGINT NOT NULL DEFAULT 0
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
  SELECT 'growth.documents', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*)
    FROM documents GROUP BY 2;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.versions', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), count(*)
    FROM document_versions GROUP BY 2;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.chunks', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), sum(chunk_count)
    FROM document_versions GROUP BY 2;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'growth.bytes', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), sum(size_bytes)
    FROM document_versions GROUP BY 2;

INSERT INTO stat_totals (name, dim, value)
  SELECT 'attempts.' || outcome, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), count(*)
    FROM attempts GROUP BY 1, 2;
INSERT INTO stat_totals (name, dim, value)
  SELECT 'attempt_bytes.' || outcome, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), coalesce(sum(bytes), 0)
    FROM attempts GROUP BY 1, 2;

CREATE FUNCTION stat_attempts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO stat_deltas (kind, dim, a) VALUES ('att',
    NEW.outcome || '|' || to_char(NEW.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24'), coalesce(NEW.bytes, 0));
  RETURN NULL;
END $$;
CREATE TRIGGER stat_attempts AFTER INSERT ON attempts
  FOR EACH ROW EXECUTE FUNCTION stat_attempts();

CREATE FUNCTION stat_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_deltas (kind, dim, a) VALUES ('doc+',
      NEW.status || '|' || to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), coalesce(NEW.size_bytes, 0));
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.status IS DISTINCT FROM NEW.status OR OLD.size_bytes IS DISTINCT FROM NEW.size_bytes THEN
      INSERT INTO stat_deltas (kind, dim, a) VALUES ('doc~', OLD.status || '>' || NEW.status,
        coalesce(NEW.size_bytes, 0) - coalesce(OLD.size_bytes, 0));
    END IF;
  ELSE
    INSERT INTO stat_deltas (kind, dim, a) VALUES ('doc-', OLD.status, coalesce(OLD.size_bytes, 0));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_documents AFTER INSERT OR UPDATE OR DELETE ON documents
  FOR EACH ROW EXECUTE FUNCTION stat_documents();

CREATE FUNCTION stat_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_deltas (kind, dim) VALUES ('job+', NEW.status);
  ELSIF TG_OP = 'UPDATE' THEN
    IF OLD.status IS DISTINCT FROM NEW.status THEN
      INSERT INTO stat_deltas (kind, dim) VALUES ('job~', OLD.status || '>' || NEW.status);
    END IF;
  ELSE
    INSERT INTO stat_deltas (kind, dim) VALUES ('job-', OLD.status);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_jobs AFTER INSERT OR UPDATE OR DELETE ON jobs
  FOR EACH ROW EXECUTE FUNCTION stat_jobs();

CREATE FUNCTION stat_versions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO stat_deltas (kind, dim, a, b) VALUES ('ver+', to_char(NEW.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
      NEW.chunk_count, NEW.size_bytes);
  ELSE
    INSERT INTO stat_deltas (kind, dim, a, b) VALUES ('ver-', '', OLD.chunk_count, OLD.size_bytes);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stat_versions AFTER INSERT OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION stat_versions();

CREATE TABLE alerts (
  id               BIGSERIAL PRIMARY KEY,
  rule             TEXT NOT NULL,
  alert_key        TEXT NOT NULL,
  severity         TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  status           TEXT NOT NULL CHECK (status IN ('active', 'acknowledged', 'resolved')),
  message          TEXT NOT NULL,
  value            DOUBLE PRECISION,
  threshold        DOUBLE PRECISION,
  first_seen_at    TIMESTAMPTZ NOT NULL,
  last_seen_at     TIMESTAMPTZ NOT NULL,
  acknowledged_by  TEXT,
  acknowledged_at  TIMESTAMPTZ,
  ack_notes        TEXT,
  resolved_at      TIMESTAMPTZ,
  resolved_by      TEXT,
  resolution_notes TEXT,
  notified_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX idx_alerts_one_open_per_key ON alerts (rule, alert_key) WHERE status IN ('active', 'acknowledged');
CREATE INDEX idx_alerts_status ON alerts (status, first_seen_at);

CREATE INDEX idx_dead_letters_status_priority ON dead_letters (status, priority, created_at);
CREATE INDEX idx_dead_letters_status_category ON dead_letters (status, category);
CREATE INDEX idx_dead_letters_status_source ON dead_letters (status, source_id);
CREATE INDEX idx_dead_letters_status_resolved ON dead_letters (status, resolved_at);
CREATE INDEX idx_dead_letters_assignee ON dead_letters (status, assignee, created_at);

CREATE INDEX idx_documents_processing_ms ON documents (processing_ms);
CREATE INDEX idx_documents_status_updated ON documents (status, updated_at);

CREATE INDEX idx_attempts_finished_outcome ON attempts (finished_at, outcome);
CREATE INDEX idx_attempts_timings ON attempts (outcome, finished_at)
  INCLUDE (duration_ms, fetch_ms, parse_ms, chunk_ms, store_ms);
CREATE INDEX idx_attempts_errors ON attempts (finished_at, category) WHERE category IS NOT NULL;

CREATE INDEX idx_health_checks_component ON health_checks (component, timestamp);
