-- Security: API users and their keys, the audit trail, blocked client addresses, and security events
-- (failed authentications, throttled clients, suspicious requests) counted by GET /metrics/security and
-- read by the security alert rules.

CREATE TABLE users (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  username   TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Only the SHA-256 of a key is stored; every request looks its key up by that hash (unique index).
CREATE TABLE api_keys (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id    INTEGER NOT NULL REFERENCES users (id),
  key_hash   TEXT NOT NULL UNIQUE,
  prefix     TEXT NOT NULL,
  name       TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT
);
CREATE INDEX idx_api_keys_user ON api_keys (user_id);

CREATE TABLE audit_log (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  at           TEXT NOT NULL,
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
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  address    TEXT NOT NULL UNIQUE,
  reason     TEXT NOT NULL,
  blocked_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT
);

CREATE TABLE security_events (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  kind     TEXT NOT NULL,
  client   TEXT,
  username TEXT,
  detail   TEXT
);
CREATE INDEX idx_security_events_kind_at ON security_events (kind, at);
