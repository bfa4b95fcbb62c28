-- 0003_inquiries: 留言 (inquiries) citizens leave when the robot cannot help, the staff's replies, the contact data
-- kept apart from them, every time staff looked at contact data, and the public holidays working days skip.
-- SQLite syntax that Cloudflare D1 accepts too: no PRAGMA, no BEGIN/COMMIT.

-- One 留言. The question is masked like the question log; the citizen finds the reply with a 查询码, stored only as
-- its SHA-256 (hex), so neither the database nor a backup can be used to read other citizens' replies.
CREATE TABLE inquiries (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  code_hash   TEXT    NOT NULL UNIQUE,
  question    TEXT    NOT NULL,                -- masked: no phone, ID or e-mail
  answer_id   TEXT,                            -- the answer it followed (AskResponse.id), or NULL
  status      TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'replied')),
  created_at  TEXT    NOT NULL,
  reply       TEXT,                            -- the staff's reply, shown to the citizen by code
  replied_at  TEXT,
  replied_by  TEXT,
  faq_id      INTEGER                          -- the FAQ entry published from the reply, if any (no foreign key)
);
CREATE INDEX inquiries_status ON inquiries (status, created_at);
CREATE INDEX inquiries_created_at ON inquiries (created_at);

-- Contact data a citizen chose to leave (with consent), apart from the question: never listed, never logged, shown
-- to staff only through the audited reveal, deleted once the inquiry is replied and delete_after has passed.
CREATE TABLE inquiry_contacts (
  inquiry_id   INTEGER PRIMARY KEY,            -- inquiries.id
  phone        TEXT,
  email        TEXT,
  consented_at TEXT    NOT NULL,
  delete_after TEXT                            -- set at reply: reply time + INQUIRY_CONTACT_RETENTION_DAYS
);
CREATE INDEX inquiry_contacts_delete_after ON inquiry_contacts (delete_after);

-- Every time a staff member was shown an inquiry's contact data: who and when, kept indefinitely.
CREATE TABLE inquiry_contact_views (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  inquiry_id INTEGER NOT NULL,
  actor      TEXT    NOT NULL,
  at         TEXT    NOT NULL
);
CREATE INDEX inquiry_contact_views_inquiry ON inquiry_contact_views (inquiry_id, id);

-- The staff-edited calendar working days are counted on: public holidays (working = 0) and the weekend days worked
-- in their place (调休, working = 1). Other days: Monday to Friday work, Saturday and Sunday do not.
CREATE TABLE calendar_days (
  date    TEXT    PRIMARY KEY,                 -- YYYY-MM-DD, local date
  working INTEGER NOT NULL CHECK (working IN (0, 1)),
  name    TEXT    NOT NULL DEFAULT ''
);
