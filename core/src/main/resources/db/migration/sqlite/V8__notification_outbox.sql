-- Alert notifications go through an outbox: every message (a webhook body or an e-mail) is written
-- here first and delivered by the scheduler, retried with backoff until the receiver accepts it (2xx,
-- or the SMTP server takes the mail) or the give-up time passes.
--
-- status: pending (waiting for its next attempt at next_attempt_at), delivered, failed (given up),
-- cancelled (an escalation notice whose alert was acknowledged or resolved before it could be delivered).
-- failures counts the attempts that did not deliver; last_error says why the last one failed.
-- severity is the alert's when the message was written (how loudly a failed delivery is logged).
-- A delivery claims its row by moving next_attempt_at forward, so two schedulers never send it twice.

CREATE TABLE notification_outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  alert_id        INTEGER REFERENCES alerts (id) ON DELETE CASCADE,
  escalation_id   INTEGER REFERENCES alert_escalations (id) ON DELETE CASCADE,
  event           TEXT NOT NULL,
  severity        TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  channel         TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
  target          TEXT NOT NULL,
  subject         TEXT,
  body            TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
  failures        INTEGER NOT NULL DEFAULT 0,
  created_at      TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  last_attempt_at TEXT,
  delivered_at    TEXT,
  last_error      TEXT
);
CREATE INDEX idx_notification_outbox_due ON notification_outbox (status, next_attempt_at);
CREATE INDEX idx_notification_outbox_target ON notification_outbox (channel, target, last_attempt_at);
