-- 003 (rectify branch; numbered 004 once hardening-web's 003 is merged): rectification notices
-- (整改通知书), their items, responses with evidence files, waivers, and the append-only history
-- of every action on them. The state of an item is never stored: it is derived from this history,
-- the later stored audits of the same subject and the waivers, on the day it is judged.
-- Everything here is append-only: triggers refuse updates and deletes.

CREATE TABLE notices (
  id            TEXT    PRIMARY KEY,
  number        TEXT    NOT NULL UNIQUE,
  jurisdiction  TEXT    NOT NULL,
  year          INTEGER NOT NULL,
  sequence      INTEGER NOT NULL,
  audit_id      TEXT    NOT NULL REFERENCES audits(id),
  subject_kind  TEXT    NOT NULL,
  subject_id    TEXT    NOT NULL,
  subject_name  TEXT    NOT NULL,
  issued_on     TEXT    NOT NULL,  -- the date printed on the notice, YYYY-MM-DD
  issued_at     TEXT    NOT NULL,  -- when it was stored: only audits stored later can resolve it
  issued_by     TEXT    NOT NULL,
  UNIQUE (jurisdiction, year, sequence)
);
CREATE INDEX notices_subject ON notices(jurisdiction, subject_kind, subject_id);

CREATE TABLE notice_items (
  notice_id  TEXT    NOT NULL REFERENCES notices(id),
  position   INTEGER NOT NULL,
  rule       TEXT    NOT NULL,
  status     TEXT    NOT NULL,  -- the finding's stored status (fail, or warn)
  deadline   TEXT    NOT NULL,  -- the first deadline; later changes are 'deadline' events
  PRIMARY KEY (notice_id, position)
);

CREATE TABLE waivers (
  id            TEXT    PRIMARY KEY,
  rule          TEXT    NOT NULL,
  jurisdiction  TEXT    NOT NULL,
  subject_kind  TEXT    NOT NULL,
  subject_id    TEXT    NOT NULL,
  reason        TEXT    NOT NULL,
  valid_until   TEXT    NOT NULL,
  approved_by   TEXT    NOT NULL,
  created_at    TEXT    NOT NULL
);
CREATE INDEX waivers_subject ON waivers(jurisdiction, subject_kind, subject_id);

CREATE TABLE evidence_files (
  id            TEXT    PRIMARY KEY,
  notice_id     TEXT    NOT NULL REFERENCES notices(id),
  item          INTEGER NOT NULL,
  file_name     TEXT    NOT NULL,
  content_type  TEXT    NOT NULL,
  size          INTEGER NOT NULL,
  sha256        TEXT    NOT NULL,
  bytes         BLOB    NOT NULL,
  uploaded_by   TEXT    NOT NULL,
  created_at    TEXT    NOT NULL
);
CREATE INDEX evidence_notice ON evidence_files(notice_id);

-- Every action, with its user and time. `item` is the item's position (NULL for the whole
-- notice); `data` is JSON: {deadline} | {text, evidence: [ids], auditId}.
CREATE TABLE rectification_events (
  id         INTEGER PRIMARY KEY,
  notice_id  TEXT    REFERENCES notices(id),
  waiver_id  TEXT    REFERENCES waivers(id),
  item       INTEGER,
  action     TEXT    NOT NULL CHECK (action IN ('issue', 'deadline', 'respond', 'close', 'reopen', 'waive', 'revoke')),
  user_name  TEXT    NOT NULL,
  at         TEXT    NOT NULL,
  note       TEXT,
  data       TEXT
);
CREATE INDEX rectification_events_notice ON rectification_events(notice_id, id);
CREATE INDEX rectification_events_waiver ON rectification_events(waiver_id, id);

CREATE TRIGGER notices_immutable_update BEFORE UPDATE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are immutable'); END;
CREATE TRIGGER notices_immutable_delete BEFORE DELETE ON notices
BEGIN SELECT RAISE(ABORT, 'notices are immutable'); END;
CREATE TRIGGER notice_items_immutable_update BEFORE UPDATE ON notice_items
BEGIN SELECT RAISE(ABORT, 'notice items are immutable'); END;
CREATE TRIGGER notice_items_immutable_delete BEFORE DELETE ON notice_items
BEGIN SELECT RAISE(ABORT, 'notice items are immutable'); END;
CREATE TRIGGER waivers_immutable_update BEFORE UPDATE ON waivers
BEGIN SELECT RAISE(ABORT, 'waivers are immutable'); END;
CREATE TRIGGER waivers_immutable_delete BEFORE DELETE ON waivers
BEGIN SELECT RAISE(ABORT, 'waivers are immutable'); END;
CREATE TRIGGER evidence_files_immutable_update BEFORE UPDATE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'evidence files are immutable'); END;
CREATE TRIGGER evidence_files_immutable_delete BEFORE DELETE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'evidence files are immutable'); END;
CREATE TRIGGER rectification_events_immutable_update BEFORE UPDATE ON rectification_events
BEGIN SELECT RAISE(ABORT, 'the rectification history is append-only'); END;
CREATE TRIGGER rectification_events_immutable_delete BEFORE DELETE ON rectification_events
BEGIN SELECT RAISE(ABORT, 'the rectification history is append-only'); END;
