-- 003 (rectify branch; numbered 004 once hardening-web's 003 is merged): rectification notices,
-- items, waivers, evidence files and the append-only history, as SQLite's 003.

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
  issued_on     TEXT    NOT NULL,
  issued_at     TEXT    NOT NULL,
  issued_by     TEXT    NOT NULL,
  UNIQUE (jurisdiction, year, sequence)
);
CREATE INDEX notices_subject ON notices(jurisdiction, subject_kind, subject_id);

CREATE TABLE notice_items (
  notice_id  TEXT    NOT NULL REFERENCES notices(id),
  position   INTEGER NOT NULL,
  rule       TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  deadline   TEXT    NOT NULL,
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
  bytes         BYTEA   NOT NULL,
  uploaded_by   TEXT    NOT NULL,
  created_at    TEXT    NOT NULL
);
CREATE INDEX evidence_notice ON evidence_files(notice_id);

CREATE TABLE rectification_events (
  id         INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

CREATE TRIGGER notices_immutable BEFORE UPDATE OR DELETE ON notices FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER notice_items_immutable BEFORE UPDATE OR DELETE ON notice_items FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER waivers_immutable BEFORE UPDATE OR DELETE ON waivers FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER evidence_files_immutable BEFORE UPDATE OR DELETE ON evidence_files FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER rectification_events_immutable BEFORE UPDATE OR DELETE ON rectification_events FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
