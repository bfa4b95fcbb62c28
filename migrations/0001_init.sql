-- 0001_init: FAQ entries, the question log, feedback, the audit log and the FAQ revision counter.
-- SQLite syntax that Cloudflare D1 accepts too: no PRAGMA, no BEGIN/COMMIT (Node wraps each file in a transaction,
-- `wrangler d1 migrations apply` runs it as one batch). Applied files are recorded in d1_migrations, as wrangler does.
-- Times are ISO 8601 strings in UTC (2024-05-01T08:30:00.000Z): they sort and compare as text.

CREATE TABLE faq_entries (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  question     TEXT    NOT NULL,
  -- Normalized question (see questionKey in server/core/store.ts): imports update the entry with the same key.
  question_key TEXT    NOT NULL,
  alternatives TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
  answer       TEXT    NOT NULL,
  link         TEXT,                           -- http(s) URL or NULL
  tags         TEXT    NOT NULL DEFAULT '[]',  -- JSON array of strings
  enabled      INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  hot          INTEGER NOT NULL DEFAULT 0 CHECK (hot IN (0, 1)),
  created_at   TEXT    NOT NULL,
  updated_at   TEXT    NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX faq_entries_question_key ON faq_entries (question_key);
CREATE INDEX faq_entries_updated_at ON faq_entries (updated_at);

-- Every answered question (masked before it is written), kept LOG_RETENTION_DAYS.
CREATE TABLE questions (
  id           TEXT    PRIMARY KEY,            -- the answer id (AskResponse.id)
  question     TEXT    NOT NULL,               -- masked: no phone, ID or e-mail
  question_key TEXT    NOT NULL,
  matched      TEXT    NOT NULL CHECK (matched IN ('faq', 'corpus', 'none')),
  faq_id       INTEGER,                        -- no foreign key: the log outlives deleted entries
  passage      INTEGER,
  asked_at     TEXT    NOT NULL
);
CREATE INDEX questions_asked_at ON questions (asked_at);
CREATE INDEX questions_key ON questions (question_key, asked_at);
CREATE INDEX questions_unanswered ON questions (matched, asked_at);

-- One rating per answer (rating again replaces it), kept LOG_RETENTION_DAYS.
CREATE TABLE feedback (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  answer_id  TEXT    NOT NULL UNIQUE,
  helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  comment    TEXT,                             -- masked
  created_at TEXT    NOT NULL
);
CREATE INDEX feedback_created_at ON feedback (created_at);

-- Every change to curated data: who, when, and the entry before and after (JSON), kept indefinitely.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  action      TEXT    NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
  entity      TEXT    NOT NULL,
  entity_id   INTEGER NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

-- Counters the runtimes read cheaply: faq_revision grows with every FAQ write (matchers reload when it changes).
CREATE TABLE store_state (
  key   TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT INTO store_state (key, value) VALUES ('faq_revision', 0);
