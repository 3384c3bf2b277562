-- Security, PostgreSQL flavour of sqlite/V4__security.sql: API users and keys (SHA-256 hashes only),
-- the audit trail, blocked client addresses and security events.

CREATE TABLE users (
  id         BIGSERIAL PRIMARY KEY,
  username   TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  enabled    BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
  id         BIGSERIAL PRIMARY KEY,
  user_id    BIGINT NOT NULL REFERENCES users (id),
  key_hash   TEXT NOT NULL UNIQUE,
  prefix     TEXT NOT NULL,
  name       TEXT,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ
);
CREATE INDEX idx_api_keys_user ON api_keys (user_id);

CREATE TABLE audit_log (
  id           BIGSERIAL PRIMARY KEY,
  at           TIMESTAMPTZ NOT NULL,
  actor        TEXT NOT NULL,
  actor_role   TEXT,
  client       TEXT,
  method       TEXT NOT NULL,
  path         TEXT NOT NULL,
  target       TEXT,
  status       INTEGER NOT NULL,
  before_state TEXT,
  after_state  TEXT
);
CREATE INDEX idx_audit_log_at ON audit_log (at);

CREATE TABLE blocked_ips (
  id         BIGSERIAL PRIMARY KEY,
  address    TEXT NOT NULL UNIQUE,
  reason     TEXT NOT NULL,
  blocked_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  expires_at TIMESTAMPTZ
);

CREATE TABLE security_events (
  id       BIGSERIAL PRIMARY KEY,
  at       TIMESTAMPTZ NOT NULL,
  kind     TEXT NOT NULL,
  client   TEXT,
  username TEXT,
  detail   TEXT
);
CREATE INDEX idx_security_events_kind_at ON security_events (kind, at);
