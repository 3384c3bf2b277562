-- Escalation and scheduled maintenance.
--
-- alerts.priority: the incident priority P1-P4 (mapped from severity, overridable per rule); set when
-- the alert opens and kept when its severity changes later.
-- alert_escalations: every escalation step taken for an alert: which level, to whom (webhook and/or
-- e-mail address recorded for the notifier), when, and whether the webhook accepted it. One row per
-- level and alert, so a step is never taken twice.
-- maintenance_runs: each run of a scheduled maintenance job with its outcome and what it did.

ALTER TABLE alerts ADD COLUMN priority TEXT CHECK (priority IN ('P1', 'P2', 'P3', 'P4'));

CREATE TABLE alert_escalations (
  id           BIGSERIAL PRIMARY KEY,
  alert_id     BIGINT NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  level        INTEGER NOT NULL,
  name         TEXT NOT NULL,
  webhook      TEXT,
  email        TEXT,
  escalated_at TIMESTAMPTZ NOT NULL,
  outcome      TEXT NOT NULL CHECK (outcome IN ('sent', 'failed', 'recorded')),
  detail       TEXT,
  UNIQUE (alert_id, level)
);

CREATE TABLE maintenance_runs (
  id          BIGSERIAL PRIMARY KEY,
  job         TEXT NOT NULL,
  schedule    TEXT NOT NULL CHECK (schedule IN ('daily', 'weekly', 'manual')),
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
  details     TEXT NOT NULL,
  error       TEXT
);
CREATE INDEX idx_maintenance_runs_job ON maintenance_runs (job, started_at);
