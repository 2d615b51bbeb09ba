-- 001: uploads, audits, the facts they were computed from, and their findings; the same tables
-- and columns as SQLite's 001, in PostgreSQL's types. Audits and everything hanging off them
-- are immutable: a trigger refuses updates and deletes.

CREATE TABLE uploads (
  id          INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256      TEXT    NOT NULL UNIQUE,
  size        INTEGER NOT NULL,
  bytes       BYTEA   NOT NULL,
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
  row_counts         TEXT    NOT NULL,
  warnings           TEXT    NOT NULL
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
  measured         DOUBLE PRECISION,
  required         DOUBLE PRECISION,
  unit             TEXT    NOT NULL,
  shortfall        DOUBLE PRECISION,
  due              TEXT,
  basis_included   INTEGER,
  basis_excluded   INTEGER,
  missing          TEXT    NOT NULL,
  seed             TEXT    NOT NULL,
  clause           TEXT    NOT NULL,
  quote            TEXT    NOT NULL,
  reading          TEXT,
  message_zh       TEXT    NOT NULL,
  message_en       TEXT    NOT NULL,
  PRIMARY KEY (audit_id, position)
);
CREATE INDEX findings_subject ON findings(subject_kind, subject_id, audit_id);
CREATE INDEX findings_rule ON findings(rule, status);
CREATE INDEX findings_status ON findings(status, audit_id);
CREATE INDEX findings_jurisdiction ON findings(jurisdiction, audit_id);

CREATE FUNCTION eldercare_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% are immutable', TG_TABLE_NAME;
END
$$;

CREATE TRIGGER uploads_immutable BEFORE UPDATE OR DELETE ON uploads FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER audits_immutable BEFORE UPDATE OR DELETE ON audits FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER audit_rulebooks_immutable BEFORE UPDATE OR DELETE ON audit_rulebooks FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER facts_immutable BEFORE UPDATE OR DELETE ON facts FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER staff_rosters_immutable BEFORE UPDATE OR DELETE ON staff_rosters FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
CREATE TRIGGER findings_immutable BEFORE UPDATE OR DELETE ON findings FOR EACH ROW EXECUTE FUNCTION eldercare_immutable();
