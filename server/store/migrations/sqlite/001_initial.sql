-- 001: uploads, audits, the facts they were computed from, and their findings.
-- Audits and everything hanging off them are immutable: triggers refuse updates and deletes.

CREATE TABLE uploads (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT    NOT NULL UNIQUE,
  size        INTEGER NOT NULL,
  bytes       BLOB    NOT NULL,
  created_at  TEXT    NOT NULL
);

CREATE TABLE audits (
  id                 TEXT    PRIMARY KEY,
  upload_id          INTEGER NOT NULL REFERENCES uploads(id),
  file_name          TEXT    NOT NULL,
  uploaded_by        TEXT    NOT NULL,
  created_at         TEXT    NOT NULL,
  as_of              TEXT    NOT NULL,
  rulebook_selection TEXT,
  tool_name          TEXT    NOT NULL,
  tool_version       TEXT    NOT NULL,
  rerun_of           TEXT    REFERENCES audits(id),
  pass               INTEGER NOT NULL,
  warn               INTEGER NOT NULL,
  fail               INTEGER NOT NULL,
  not_applicable     INTEGER NOT NULL,
  insufficient_data  INTEGER NOT NULL,
  row_counts         TEXT    NOT NULL,  -- JSON: data rows per sheet
  warnings           TEXT    NOT NULL   -- JSON: the reader's warnings
);
CREATE INDEX audits_created ON audits(created_at DESC);
CREATE INDEX audits_upload ON audits(upload_id);

CREATE TABLE audit_rulebooks (
  audit_id   TEXT NOT NULL REFERENCES audits(id),
  position   INTEGER NOT NULL,
  rulebook   TEXT NOT NULL,
  version    TEXT NOT NULL,
  status     TEXT NOT NULL,
  title_zh   TEXT NOT NULL,
  title_en   TEXT NOT NULL,
  file_hash  TEXT NOT NULL,
  PRIMARY KEY (audit_id, position)
);

-- Facts as checked, one row per workbook row of facilities, residential areas, sites and
-- regions; `data` is the normalised row as JSON. Staff rows (a county has ~100k) are kept per
-- facility in staff_rosters below, so that storing an audit stays well under a second.
CREATE TABLE facts (
  audit_id      TEXT    NOT NULL REFERENCES audits(id),
  sheet         TEXT    NOT NULL,
  position      INTEGER NOT NULL,
  subject_id    TEXT    NOT NULL,
  facility_id   TEXT,
  jurisdiction  TEXT,
  data          TEXT    NOT NULL,
  PRIMARY KEY (audit_id, sheet, position)
);
CREATE INDEX facts_facility ON facts(facility_id, audit_id);
CREATE INDEX facts_jurisdiction ON facts(jurisdiction, audit_id);

-- The staff of one facility as checked, in one row: `data` is {"keys": [...], "rows": [[...]]}
-- with each row's values in the order of `keys` and its position in the staff sheet first.
CREATE TABLE staff_rosters (
  audit_id     TEXT    NOT NULL REFERENCES audits(id),
  facility_id  TEXT    NOT NULL,
  staff_count  INTEGER NOT NULL,
  data         TEXT    NOT NULL,
  PRIMARY KEY (audit_id, facility_id)
);
CREATE INDEX staff_rosters_facility ON staff_rosters(facility_id, audit_id);

CREATE TABLE findings (
  audit_id         TEXT    NOT NULL REFERENCES audits(id),
  position         INTEGER NOT NULL,
  rule             TEXT    NOT NULL,
  rulebook         TEXT    NOT NULL,
  title_zh         TEXT    NOT NULL,
  title_en         TEXT    NOT NULL,
  subject_kind     TEXT    NOT NULL,
  subject_id       TEXT    NOT NULL,
  subject_name     TEXT    NOT NULL,
  jurisdiction     TEXT    NOT NULL,
  status           TEXT    NOT NULL,
  measured         REAL,
  required         REAL,
  unit             TEXT    NOT NULL,
  shortfall        REAL,
  due              TEXT,
  basis_included   INTEGER,
  basis_excluded   INTEGER,
  missing          TEXT    NOT NULL,  -- JSON array of field keys
  seed             TEXT    NOT NULL,
  clause           TEXT    NOT NULL,
  quote            TEXT    NOT NULL,
  reading          TEXT,              -- JSON {zh,en} or NULL
  message_zh       TEXT    NOT NULL,
  message_en       TEXT    NOT NULL,
  PRIMARY KEY (audit_id, position)
);
CREATE INDEX findings_subject ON findings(subject_kind, subject_id, audit_id);
CREATE INDEX findings_rule ON findings(rule, status);
CREATE INDEX findings_status ON findings(status, audit_id);
CREATE INDEX findings_jurisdiction ON findings(jurisdiction, audit_id);

CREATE TRIGGER audits_immutable_update BEFORE UPDATE ON audits
BEGIN SELECT RAISE(ABORT, 'audits are immutable'); END;
CREATE TRIGGER audits_immutable_delete BEFORE DELETE ON audits
BEGIN SELECT RAISE(ABORT, 'audits are immutable'); END;
CREATE TRIGGER findings_immutable_update BEFORE UPDATE ON findings
BEGIN SELECT RAISE(ABORT, 'findings are immutable'); END;
CREATE TRIGGER findings_immutable_delete BEFORE DELETE ON findings
BEGIN SELECT RAISE(ABORT, 'findings are immutable'); END;
CREATE TRIGGER facts_immutable_update BEFORE UPDATE ON facts
BEGIN SELECT RAISE(ABORT, 'facts are immutable'); END;
CREATE TRIGGER facts_immutable_delete BEFORE DELETE ON facts
BEGIN SELECT RAISE(ABORT, 'facts are immutable'); END;
CREATE TRIGGER staff_rosters_immutable_update BEFORE UPDATE ON staff_rosters
BEGIN SELECT RAISE(ABORT, 'staff rosters are immutable'); END;
CREATE TRIGGER staff_rosters_immutable_delete BEFORE DELETE ON staff_rosters
BEGIN SELECT RAISE(ABORT, 'staff rosters are immutable'); END;
CREATE TRIGGER uploads_immutable_update BEFORE UPDATE ON uploads
BEGIN SELECT RAISE(ABORT, 'uploads are immutable'); END;
CREATE TRIGGER audit_rulebooks_immutable_update BEFORE UPDATE ON audit_rulebooks
BEGIN SELECT RAISE(ABORT, 'audit rulebooks are immutable'); END;
CREATE TRIGGER audit_rulebooks_immutable_delete BEFORE DELETE ON audit_rulebooks
BEGIN SELECT RAISE(ABORT, 'audit rulebooks are immutable'); END;
